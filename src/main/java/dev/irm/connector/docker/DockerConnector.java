package dev.irm.connector.docker;

import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;

/** One Docker engine. Reads go through {@link ReadOnlyDocker} (GET only); POSTs only from consented writes. */
final class DockerConnector implements Connector {
    private final DockerApi api;
    private final ReadOnlyDocker reads;
    private final String endpoint;
    private final boolean local;

    DockerConnector(DockerApi api, String endpoint, boolean local) {
        this.api = api;
        this.reads = new ReadOnlyDocker(api);
        this.endpoint = endpoint;
        this.local = local;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Observation read(String action, Args args) throws Exception {
        return switch (action) {
            case "containers" -> DockerReads.containers(reads, args);
            case "inspect" -> DockerReads.inspect(reads, args);
            case "stats" -> DockerReads.stats(reads, args);
            case "logs" -> DockerReads.logs(reads, args);
            case "disk-usage" -> DockerReads.diskUsage(reads, args, local);
            case "evidence" -> DockerEvidence.collect(reads, args, endpoint);
            default -> throw new IllegalArgumentException("docker has no read action '" + action + "'");
        };
    }

    @Override
    public Preview preview(String action, Args args) throws Exception {
        return switch (action) {
            case "restart" -> DockerWrites.previewRestart(reads, args, endpoint);
            case "start" -> DockerWrites.previewStart(reads, args, endpoint);
            default -> throw new IllegalArgumentException("docker has no write action '" + action + "'");
        };
    }

    @Override
    public Observation write(String action, Args args, Consent consent) throws Exception {
        if (consent == null) {
            throw new IllegalStateException("a write needs consent");
        }
        return switch (action) {
            case "restart" -> DockerWrites.restart(api, reads, args, consent);
            case "start" -> DockerWrites.start(api, reads, args, consent);
            default -> throw new IllegalArgumentException("docker has no write action '" + action + "'");
        };
    }

    @Override
    public void close() {
        api.close();
    }
}
