package dev.irm.connector.mysql;

import dev.irm.connector.PreviewedPlans;
import java.sql.SQLException;

/**
 * What mysql read actions and previews get, including those other packages contribute through
 * {@link MySqlActionProvider}: the read-only door to the database and the endpoint as it may be shown.
 */
public final class MySqlSession {
    private final ReadOnlySql sql;
    private final MySqlEndpoint endpoint;
    private final MySqlPermissions permissions;
    private final PreviewedPlans plans;

    MySqlSession(ReadOnlySql sql, MySqlEndpoint endpoint, PreviewedPlans plans) {
        this.sql = sql;
        this.endpoint = endpoint;
        this.permissions = new MySqlPermissions(sql);
        this.plans = plans;
    }

    public ReadOnlySql sql() {
        return sql;
    }

    /** The endpoint with any password replaced by {@code ***}. */
    public String endpoint() {
        return endpoint.toString();
    }

    public PreviewedPlans plans() {
        return plans;
    }

    MySqlEndpoint where() {
        return endpoint;
    }

    /** The session for a read of every client's sessions: without PROCESS the server would silently show only this user's. */
    ReadOnlySql seeingAllSessions(String what) throws SQLException {
        permissions.require("PROCESS", what + " would see only this user's own sessions");
        return sql;
    }
}
