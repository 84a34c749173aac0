package dev.irm.connector.mysql;

import java.util.Map;
import java.io.IOException;
import java.nio.file.Path;
import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.ActionProvider;
import dev.irm.connector.Actions;
import dev.irm.connector.Risk;
import dev.irm.connector.Connector;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.NetworkFailures;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import dev.irm.connector.TrainingPeer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** MySQL and MariaDB through Connector/J: one connection, connect and socket timeouts from the settings. */
public final class MySqlConnectorFactory extends BaseConnectorFactory {
    static final int TOO_MANY_CONNECTIONS = 1040;
    private static final String T = MySqlActionProvider.TARGET;
    private static final List<ConnectionSetting> SETTINGS = List.of(
            ConnectionSetting.of("url").option("JDBC_URL", "MySQL/MariaDB JDBC URL.", "--mysql")
                    .env("IRM_MYSQL_URL").defaultValue("jdbc:mysql://127.0.0.1:3306/"),
            ConnectionSetting.of("user").option("USER", "MySQL user (password: $IRM_MYSQL_PASSWORD).", "--mysql-user")
                    .env("IRM_MYSQL_USER").defaultValue("root"),
            ConnectionSetting.of("password").env("IRM_MYSQL_PASSWORD").asSecret());
    /** MySQL's own actions; application packages add theirs through {@link MySqlActionProvider}. */
    private static final Actions<MySqlSession, MySqlWriter> OWN = Actions.<MySqlSession, MySqlWriter>of(T)
            .read("status", "SHOW GLOBAL STATUS/VARIABLES: Threads_connected against max_connections", (s, a) -> MySqlReads.status(s.sql()))
            .read("processlist", "sessions grouped by user, client host, command and state",
                    (s, a) -> MySqlReads.processlist(s.seeingAllSessions("mysql.processlist")))
            .read("long-queries", "client queries running longer than N seconds (information_schema.PROCESSLIST)",
                    (s, a) -> MySqlReads.longQueries(s.seeingAllSessions("mysql.long-queries"), a),
                    Param.optional("seconds", "threshold in seconds (default 5)").as(ParamType.INTEGER))
            .read("lock-waits", "InnoDB lock waits: waiting and blocking thread, query and wait time",
                    (s, a) -> MySqlReads.lockWaits(s.seeingAllSessions("mysql.lock-waits")))
            .read("query", "one allow-listed read query (SELECT, SHOW, EXPLAIN, DESCRIBE); values as params", (s, a) -> MySqlReads.query(s.sql(), a),
                    Param.required("sql", "literal SQL, ? for values").checkedBy(SqlReadPolicy::check).literalOnly(),
                    Param.optional("params", "bind values for the ? marks (list)").as(ParamType.LIST))
            .write("kill", Risk.MEDIUM, "KILL the listed threads; preview lists each query (id, user, time, info)",
                    (s, a) -> MySqlWrites.previewKill(s.seeingAllSessions("the KILL preview"), a, s.where()),
                    (w, a, consent) -> MySqlWrites.kill(w.connection(), w.sql(), a, consent),
                    Param.required("ids", "thread ids (list or comma-separated)").as(ParamType.LIST).checkedBy(MySqlWrites::threadIds))
            .write("set-read-only", Risk.HIGH, "SET GLOBAL read_only = ON: every write fails; typed confirmation host:port",
                    (s, a) -> MySqlWrites.previewReadOnly(s.sql(), s.where()), (w, a, consent) -> MySqlWrites.setReadOnly(w.connection(), consent));
    static final Actions<MySqlSession, MySqlWriter> ACTIONS = ActionProvider.extend(OWN, MySqlActionProvider.class);

    public MySqlConnectorFactory() {
        super(T, 20, SETTINGS, ACTIONS.specs());
    }

    @Override
    public Map<String, String> trainingSettings(String closedHostPort, Path scratch) {
        return Map.of("url", "jdbc:mysql://" + closedHostPort + "/");
    }

    @Override
    public TrainingPeer trainingPeer(Path scratch) throws IOException {
        return new MySqlTrainingPeer();
    }

    @Override
    public String describe(TargetSettings settings) {
        try {
            return MySqlEndpoint.of(settings).toString();
        } catch (IllegalArgumentException e) {
            return Secrets.maskUrl(settings.get("url", "?"));
        }
    }

    /** Error 1040 means the server's connection limit is reached: that is db-pool-exhaustion itself. */
    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return cause.reason() != null && cause.reason().startsWith("error " + TOO_MANY_CONNECTIONS) ? "db-pool-exhaustion" : null;
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        MySqlEndpoint endpoint;
        try {
            endpoint = MySqlEndpoint.of(settings);
        } catch (IllegalArgumentException e) {
            throw new TargetUnreachableException(e.getMessage(), e);
        }
        int timeout = settings.timeoutMillis();
        Properties p = new Properties();
        p.setProperty("user", endpoint.user());
        if (endpoint.password() != null) {
            p.setProperty("password", endpoint.password());
        }
        p.setProperty("connectTimeout", String.valueOf(timeout));
        p.setProperty("socketTimeout", String.valueOf(timeout));
        p.setProperty("allowMultiQueries", "false");
        p.setProperty("allowLoadLocalInfile", "false");
        p.setProperty("connectionAttributes", "program_name:irm");
        Connection connection = null;
        try {
            connection = new com.mysql.cj.jdbc.Driver().connect(endpoint.driverUrl(), p);
            boolean mariadb;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                mariadb = rs.getString(1).contains("MariaDB");
            }
            // server-side statement limit a little under the socket timeout, so the server stops first
            ReadOnlySql reads = new ReadOnlySql(connection, mariadb, Math.max(100, timeout * 9 / 10));
            return new MySqlConnector(connection, reads, endpoint, timeout * 5);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken
                }
            }
            throw new TargetUnreachableException(cause(e, settings, endpoint), e);
        }
    }

    static String cause(Throwable e, TargetSettings settings, MySqlEndpoint endpoint) {
        for (Throwable t : NetworkFailures.chain(e)) {
            if (t instanceof SQLException sql) {
                switch (sql.getErrorCode()) {
                    case TOO_MANY_CONNECTIONS:
                        return "error 1040: too many connections (server connection limit reached)";
                    case 1045:
                        return "auth failed (user " + endpoint.user() + ")";
                    case 1049:
                        return "unknown database '" + endpoint.database() + "'";
                    case 1203:
                        return "error 1203: user " + endpoint.user() + " has reached max_user_connections";
                    default:
                        break;
                }
            }
            String network = NetworkFailures.describe(t, settings.timeoutMillis(), endpoint.host());
            if (network != null) {
                return network;
            }
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(endpoint.password());
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return Secrets.scrub(message, secrets);
    }
}
