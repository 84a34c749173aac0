package dev.irm.connector.docker;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.connector.DeclaredConnector;
import dev.irm.support.Workers;

/** One Docker engine. Reads go through {@link ReadOnlyDocker} (GET only); POSTs only from consented writes. */
final class DockerConnector extends DeclaredConnector<DockerConnector.Session, DockerConnector.Writer> {
    /** What read actions and previews get; {@code local}: the engine is on this host (its data root can be measured). */
    record Session(ReadOnlyDocker docker, String endpoint, boolean local) {
    }

    /** What a consented write gets: the API that may POST, beside the read-only view. */
    record Writer(DockerApi api, ReadOnlyDocker docker) {
    }

    private final DockerApi api;

    DockerConnector(DockerApi api, String endpoint, boolean local) {
        this(api, new ReadOnlyDocker(api), endpoint, local);
    }

    private DockerConnector(DockerApi api, ReadOnlyDocker reads, String endpoint, boolean local) {
        super(DockerConnectorFactory.ACTIONS, new Session(reads, endpoint, local), new Writer(api, reads));
        this.api = api;
    }

    @Override
    public String endpoint() {
        return session().endpoint();
    }

    /** A stats read that judges CPU: its containers' first samples are taken now, in the background. */
    @Override
    public void expect(String action, Args args) {
        if ("stats".equals(action) && args.flag("cpu", true)) {
            Workers.submit(() -> {
                DockerReads.firstSamples(session().docker(), args);
                return null;
            });
        }
    }

    @Override
    protected void forgetReads() {
        session().docker().forget();
    }

    @Override
    public void close() {
        api.close();
    }
}
