package dev.irm.connector;

/**
 * A connector that runs the actions its target declared ({@link Actions}): a read gets the read-only
 * session, a preview too, a write the writer and the consent. Subclasses say what the session and
 * the writer are and may wrap each call (a lock, translating a permission error, a READ WRITE window).
 */
public abstract class DeclaredConnector<R, W> implements Connector {
    private final Actions<R, W> actions;
    private final R session;
    private final W writer;

    /** {@code session}: what read handlers and previews get, it cannot express a write; {@code writer}: what a consented write gets. */
    protected DeclaredConnector(Actions<R, W> actions, R session, W writer) {
        this.actions = actions;
        this.session = session;
        this.writer = writer;
    }

    protected final R session() {
        return session;
    }

    @FunctionalInterface
    protected interface Call<T> {
        T run() throws Exception;
    }

    @Override
    public final Observation read(String action, Args args) throws Exception {
        Action.Read<R, W> read = actions.reading(action)
                .orElseThrow(() -> new IllegalArgumentException(actions.target() + " has no read action '" + action + "'"));
        return aroundReadOnly(read.spec(), args, () -> read.handler().read(session, args));
    }

    @Override
    public final Preview preview(String action, Args args) throws Exception {
        Action.Write<R, W> write = writeAction(action);
        return aroundReadOnly(write.spec(), args, () -> write.preview().preview(session, args));
    }

    @Override
    public final Observation write(String action, Args args, Consent consent) throws Exception {
        Action.Write<R, W> write = writeAction(action);
        if (consent == null) {
            throw new IllegalStateException("a write needs consent");
        }
        forgetReads();
        try {
            return aroundWrite(write.spec(), () -> write.apply().write(writer, args, consent));
        } finally {
            forgetReads(); // a later step must see what the write did, not what it read first
        }
    }

    private Action.Write<R, W> writeAction(String action) {
        return actions.writing(action)
                .orElseThrow(() -> new IllegalArgumentException(actions.target() + " has no write action '" + action + "'"));
    }

    /** Wraps a read and a preview alike: both run on the read-only session. */
    protected <T> T aroundReadOnly(ActionSpec action, Args args, Call<T> call) throws Exception {
        return call.run();
    }

    protected Observation aroundWrite(ActionSpec action, Call<Observation> call) throws Exception {
        return call.run();
    }

    /** Drops what this command has read and kept (a per-command snapshot), before and after each write. */
    protected void forgetReads() {
    }
}
