package dev.irm.connector.mysql;

import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One database connection. Reads and every preview go through {@link ReadOnlySql}; only a
 * consented write switches the session to READ WRITE, for its own duration.
 */
final class MySqlConnector implements Connector {
    private final Connection connection;
    private final ReadOnlySql reads;
    private final MySqlEndpoint endpoint;
    private final int writeLimitMillis;
    private final MySqlPermissions permissions;
    private final Map<String, DuplicatePaymentFix.Plan> previewed = new HashMap<>();

    MySqlConnector(Connection connection, ReadOnlySql reads, MySqlEndpoint endpoint, int writeLimitMillis) {
        this.connection = connection;
        this.reads = reads;
        this.endpoint = endpoint;
        this.writeLimitMillis = writeLimitMillis;
        this.permissions = new MySqlPermissions(reads);
    }

    @Override
    public String endpoint() {
        return endpoint.toString();
    }

    @Override
    public synchronized Observation read(String action, Args args) throws SQLException {
        try {
            if (MySqlPermissions.NEEDS_PROCESS.contains(action)) {
                permissions.require("PROCESS", "mysql." + action + " would see only this user's own sessions");
            }
            return readAction(action, args);
        } catch (SQLException e) {
            throw MySqlPermissions.translate(e);
        }
    }

    private Observation readAction(String action, Args args) throws SQLException {
        return switch (action) {
            case "status" -> MySqlReads.status(reads);
            case "processlist" -> MySqlReads.processlist(reads);
            case "long-queries" -> MySqlReads.longQueries(reads, args);
            case "lock-waits" -> MySqlReads.lockWaits(reads);
            case "duplicate-payments" -> MySqlReads.duplicatePayments(reads, args);
            case "stale-payments" -> MySqlReads.stalePayments(reads, args);
            case "double-confirmed-seats" -> MySqlReads.doubleConfirmedSeats(reads, args);
            case "query" -> MySqlReads.query(reads, args);
            default -> throw new IllegalArgumentException("mysql has no read action '" + action + "'");
        };
    }

    @Override
    public synchronized Preview preview(String action, Args args) throws SQLException {
        try {
            if (action.equals("kill")) {
                permissions.require("PROCESS", "the KILL preview would see only this user's own sessions");
            }
            return previewAction(action, args);
        } catch (SQLException e) {
            throw MySqlPermissions.translate(e);
        }
    }

    private Preview previewAction(String action, Args args) throws SQLException {
        return switch (action) {
            case "kill" -> MySqlWrites.previewKill(reads, args, endpoint);
            case "set-read-only" -> MySqlWrites.previewReadOnly(reads, endpoint);
            case "cancel-duplicate-payments" -> {
                DuplicatePaymentFix.Plan plan = DuplicatePaymentFix.plan(reads, args);
                previewed.put(args.toString(), plan);
                yield DuplicatePaymentFix.preview(plan, args, endpoint);
            }
            default -> throw new IllegalArgumentException("mysql has no write action '" + action + "'");
        };
    }

    @Override
    public synchronized Observation write(String action, Args args, Consent consent) throws SQLException {
        if (consent == null) {
            throw new IllegalStateException("a write needs consent");
        }
        return switch (action) {
            case "kill" -> readWrite(() -> MySqlWrites.kill(connection, reads, args, consent));
            case "set-read-only" -> readWrite(() -> MySqlWrites.setReadOnly(connection, consent));
            case "cancel-duplicate-payments" -> readWrite(() -> DuplicatePaymentFix.apply(connection, args, previewed.get(args.toString())));
            default -> throw new IllegalArgumentException("mysql has no write action '" + action + "'");
        };
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** READ WRITE and a longer statement limit for one write, then back to the read-only session. */
    private <T> T readWrite(SqlWork<T> work) throws SQLException {
        int readSocketTimeout = connection.getNetworkTimeout();
        connection.setNetworkTimeout(Runnable::run, writeLimitMillis + 1000);
        fixed("SET SESSION TRANSACTION READ WRITE");
        reads.limitStatements(writeLimitMillis);
        try {
            return work.run();
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
