package dev.irm.connector.mysql;

import dev.irm.connector.PermissionDeniedException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Privileges a read needs, checked before it runs where the server would not refuse but answer
 * less (without PROCESS, the processlist shows only the user's own sessions: a silent, wrong OK),
 * and refusals (errors 1142, 1143, 1227, 1044, 1370) turned into one line naming what is missing.
 */
final class MySqlPermissions {
    private static final Set<Integer> DENIED = Set.of(1044, 1142, 1143, 1227, 1370);

    private final ReadOnlySql sql;
    private final Map<String, Boolean> held = new HashMap<>();

    MySqlPermissions(ReadOnlySql sql) {
        this.sql = sql;
    }

    /** Throws unless the current user holds the global privilege (directly or through ALL PRIVILEGES). */
    void require(String privilege, String without) throws SQLException {
        Boolean has = held.get(privilege);
        if (has == null) {
            Map<String, Object> r = sql.row("SELECT COUNT(*) AS n FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE = ? "
                    + "AND GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')",
                    privilege);
            has = ((Number) r.getOrDefault("n", 0L)).longValue() > 0;
            held.put(privilege, has);
        }
        if (!has) {
            throw new PermissionDeniedException("permission missing: the MySQL user lacks the " + privilege + " privilege (" + without
                    + "; GRANT " + privilege + " ON *.*, " + PermissionDeniedException.DOC + ")");
        }
    }

    static SQLException translate(SQLException e) {
        if (!DENIED.contains(e.getErrorCode())) {
            return e;
        }
        throw new PermissionDeniedException("permission missing: " + e.getMessage().lines().findFirst().orElse("")
                + " (MySQL error " + e.getErrorCode() + ", " + PermissionDeniedException.DOC + ")");
    }
}
