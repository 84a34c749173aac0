package dev.irm.connector.mysql;

import dev.irm.connector.PreviewedPlans;
import java.sql.Connection;

/**
 * What a consented mysql write gets: the connection, in READ WRITE mode with the longer write
 * statement limit for the duration of that one write only, and the plans its preview kept.
 */
public final class MySqlWriter {
    private final Connection connection;
    private final ReadOnlySql sql;
    private final PreviewedPlans plans;

    MySqlWriter(Connection connection, ReadOnlySql sql, PreviewedPlans plans) {
        this.connection = connection;
        this.sql = sql;
        this.plans = plans;
    }

    public Connection connection() {
        return connection;
    }

    public ReadOnlySql sql() {
        return sql;
    }

    public PreviewedPlans plans() {
        return plans;
    }
}
