package dev.irm.connector;

/**
 * An open connection to one target. Read actions run on a read-only session that cannot express
 * a write; write actions need a consent the engine gives only after the operator said yes.
 */
public interface Connector extends AutoCloseable {

    /** The endpoint as it may be shown: any password replaced by {@code ***}. */
    String endpoint();

    Observation read(String action, Args args) throws Exception;

    /**
     * Told, before a command's reads run, of a read it will make, so a read that judges a window (two
     * samples some time apart) can take its first sample now instead of when its turn comes. Returns at
     * once; whatever goes wrong is the read's to report.
     */
    default void expect(String action, Args args) {
    }

    Preview preview(String action, Args args) throws Exception;

    Observation write(String action, Args args, Consent consent) throws Exception;

    @Override
    void close();
}
