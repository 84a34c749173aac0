package dev.irm.connector.mysql;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.DeclaredConnector;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import dev.irm.connector.PreviewedPlans;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One database connection. Reads and every preview go through {@link ReadOnlySql}; only a
 * consented write switches the session to READ WRITE, for its own duration.
 */
final class MySqlConnector extends DeclaredConnector<MySqlSession, MySqlWriter> {
    private final Connection connection;
    private final ReadOnlySql reads;
    private final int writeLimitMillis;

    MySqlConnector(Connection connection, ReadOnlySql reads, MySqlEndpoint endpoint, int writeLimitMillis) {
        this(connection, reads, endpoint, writeLimitMillis, new PreviewedPlans());
    }

    private MySqlConnector(Connection connection, ReadOnlySql reads, MySqlEndpoint endpoint, int writeLimitMillis, PreviewedPlans plans) {
        super(MySqlConnectorFactory.ACTIONS, new MySqlSession(reads, endpoint, plans), new MySqlWriter(connection, reads, plans));
        this.connection = connection;
        this.reads = reads;
        this.writeLimitMillis = writeLimitMillis;
    }

    @Override
    public String endpoint() {
        return session().endpoint();
    }

    @Override
    protected synchronized <T> T aroundReadOnly(ActionSpec action, Args args, Call<T> call) throws Exception {
        try {
            return call.run();
        } catch (SQLException e) {
            throw MySqlPermissions.translate(e);
        }
    }

    /** READ WRITE and a longer statement limit for one write, then back to the read-only session. */
    @Override
    protected synchronized Observation aroundWrite(ActionSpec action, Call<Observation> call) throws Exception {
        int readSocketTimeout = connection.getNetworkTimeout();
        connection.setNetworkTimeout(Runnable::run, writeLimitMillis + 1000);
        fixed("SET SESSION TRANSACTION READ WRITE");
        reads.limitStatements(writeLimitMillis);
        try {
            return call.run();
        } finally {
            fixed("SET SESSION TRANSACTION READ ONLY");
            reads.limitStatements(reads.limitMillis());
            connection.setNetworkTimeout(Runnable::run, readSocketTimeout);
        }
    }

    private void fixed(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort
        }
    }
}
