package dev.irm.connector;

/**
 * An open connection to one target. Read actions run on a read-only session that cannot express
 * a write; write actions need a consent the engine gives only after the operator said yes.
 */
public interface Connector extends AutoCloseable {

    /** The endpoint as it may be shown: any password replaced by {@code ***}. */
    String endpoint();

    Observation read(String action, Args args) throws Exception;

    Preview preview(String action, Args args) throws Exception;

    Observation write(String action, Args args, Consent consent) throws Exception;

    @Override
    void close();
}
