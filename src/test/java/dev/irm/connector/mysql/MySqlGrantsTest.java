package dev.irm.connector.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 8 on a real MariaDB: an account with exactly the read grants of
 * docs/PERMISSIONS.md (read from that file) judges every check as root does; without PROCESS,
 * the session checks are UNKNOWN naming PROCESS (not a wrong OK) and the others go on.
 */
class MySqlGrantsTest {
    private static final String PASSWORD = "grants-test-pw";
    private static MariaDbServer db;
    private static Connection root;

    @BeforeAll
    static void start() throws Exception {
        db = MariaDbServer.start();
        root = db.connect();
        HhplusDb.reset(root);
        HhplusDb.injectPaymentFaults(root);
        List<String> lines = Files.readAllLines(Path.of("docs/PERMISSIONS.md"));
        int start = lines.indexOf("```mysql-grants-read");
        assertTrue(start >= 0, "no ```mysql-grants-read block in docs/PERMISSIONS.md");
        for (int i = start + 1; !lines.get(i).startsWith("```"); i++) {
            HhplusDb.exec(root, lines.get(i).replace("CHANGE-ME", PASSWORD).replace("SCHEMA", "hhplus").replaceAll(";$", ""));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        root.close();
        db.close();
    }

    private static Map<String, String> statuses(IrmCli.Result r) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode check : r.json().path("targets").get(0).path("checks")) {
            out.put(check.path("id").asText(), check.path("status").asText() + " " + check.path("summary").asText());
        }
        return out;
    }

    private static IrmCli.Result diagnoseAs(String user) {
        IrmCli cli = new IrmCli();
        if (user.equals("irm")) {
            cli.env("IRM_MYSQL_PASSWORD", PASSWORD);
        }
        return cli.run("diagnose", "mysql", "--mysql", HhplusDb.url(db), "--mysql-user", user, "-o", "json");
    }

    @Test
    void theDocumentedGrantsAreEnoughAndWithoutProcessTheSessionChecksNameIt() throws Exception {
        Map<String, String> asRoot = statuses(diagnoseAs("root"));
        Map<String, String> asIrm = statuses(diagnoseAs("irm"));
        assertTrue(asRoot.size() >= 6, asRoot.toString());
        assertEquals(asRoot.keySet(), asIrm.keySet());
        asIrm.forEach((id, s) -> assertFalse(s.startsWith("UNKNOWN"), id + ": " + s));
        asIrm.forEach((id, s) -> assertEquals(asRoot.get(id).split(" ")[0], s.split(" ")[0], id + ": " + s + " vs " + asRoot.get(id)));
        assertTrue(asIrm.get("mysql.duplicate-payments").startsWith("CRITICAL"), asIrm.toString());

        HhplusDb.exec(root, "REVOKE PROCESS ON *.* FROM 'irm'@'%'");
        try {
            IrmCli.Result without = diagnoseAs("irm");
            Map<String, String> now = statuses(without);
            List<String> unknown = new ArrayList<>();
            now.forEach((id, s) -> {
                if (s.startsWith("UNKNOWN")) {
                    unknown.add(id);
                    assertTrue(s.contains("permission missing: the MySQL user lacks the PROCESS privilege"), id + ": " + s);
                } else {
                    assertEquals(asIrm.get(id).split(" ")[0], s.split(" ")[0], id + ": " + s);
                }
            });
            assertTrue(unknown.size() >= 2, "session checks: " + now);
            assertTrue(unknown.stream().noneMatch(id -> id.contains("payment")), unknown.toString());
            assertEquals(2, without.code(), "the duplicate payments are still found: " + without.out());
            assertTrue(without.err().isEmpty(), without.err());
        } finally {
            HhplusDb.exec(root, "GRANT PROCESS ON *.* TO 'irm'@'%'");
        }
    }
}
