package dev.irm.connector;

/**
 * One action as a target declares it: what runbooks see ({@link ActionSpec}) and the code that runs
 * it. A read runs on the target's read-only session {@code R}, which has no way to write; a write
 * is declared with the preview that shows its blast radius (read-only, through {@code R}) and its
 * apply, which gets the writer {@code W} and the operator's {@link Consent}.
 */
public sealed interface Action<R, W> permits Action.Read, Action.Write {

    ActionSpec spec();

    record Read<R, W>(ActionSpec spec, ReadHandler<R> handler) implements Action<R, W> {
    }

    record Write<R, W>(ActionSpec spec, PreviewHandler<R> preview, WriteHandler<W> apply) implements Action<R, W> {
    }

    @FunctionalInterface
    interface ReadHandler<R> {
        Observation read(R session, Args args) throws Exception;
    }

    @FunctionalInterface
    interface PreviewHandler<R> {
        Preview preview(R session, Args args) throws Exception;
    }

    @FunctionalInterface
    interface WriteHandler<W> {
        Observation write(W writer, Args args, Consent consent) throws Exception;
    }
}
