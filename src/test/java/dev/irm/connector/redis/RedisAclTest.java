package dev.irm.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 11 item 8 on a real Redis: an ACL user with exactly the read rules of docs/PERMISSIONS.md
 * (read from that file) sees what the default user sees, with no UNKNOWN, and previews every Redis
 * mitigation; with one command taken away, only the checks needing it are UNKNOWN, naming it.
 */
class RedisAclTest {
    private static final String PASSWORD = "acl-test-pw";
    private static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction");
        try (Jedis jedis = redis.client()) {
            jedis.set("session:1", "x");
            jedis.expire("session:1", 600);
            setUser(jedis, documentedRule("redis-acl-read").replace("CHANGE-ME", PASSWORD));
        }
        redis.fillToMaxmemory();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    /** The one line of the fenced block {@code ```NAME} in docs/PERMISSIONS.md. */
    static String documentedRule(String block) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docs/PERMISSIONS.md"));
        int start = lines.indexOf("```" + block);
        assertTrue(start >= 0, "no ```" + block + " block in docs/PERMISSIONS.md");
        return lines.get(start + 1).strip();
    }

    private static void setUser(Jedis jedis, String aclSetUser) {
        String[] words = aclSetUser.split(" ");
        assertEquals("ACL SETUSER", words[0] + " " + words[1], aclSetUser);
        jedis.sendCommand(() -> "ACL".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(words, 1, words.length));
    }

    private static String aclUrl() {
        return "redis://irm-ro:" + PASSWORD + "@127.0.0.1:" + redis.port();
    }

    private static Map<String, String> statuses(IrmCli.Result r) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode check : r.json().path("targets").get(0).path("checks")) {
            out.put(check.path("id").asText(), check.path("status").asText() + " " + check.path("summary").asText());
        }
        return out;
    }

    @Test
    void theDocumentedReadRulesAreEnoughAndOneMissingCommandIsAnUnknownNamingIt() throws Exception {
        IrmCli cli = new IrmCli();
        Map<String, String> asDefault = statuses(cli.run("diagnose", "redis", "--redis", redis.url(), "-o", "json"));
        IrmCli.Result limited = cli.run("diagnose", "redis", "--redis", aclUrl(), "-o", "json");
        Map<String, String> asAcl = statuses(limited);
        assertTrue(asDefault.size() >= 5, asDefault.toString());
        assertEquals(asDefault.keySet(), asAcl.keySet());
        asAcl.forEach((id, s) -> assertFalse(s.startsWith("UNKNOWN"), id + ": " + s));
        asAcl.forEach((id, s) -> assertEquals(asDefault.get(id).split(" ")[0], s.split(" ")[0], id + ": " + s + " vs " + asDefault.get(id)));
        assertTrue(asAcl.get("redis.memory").startsWith("CRITICAL"), asAcl.toString());

        IrmCli.Result dry = cli.run("run", "redis-oom", "--dry-run", "--redis", aclUrl(), "-o", "json");
        List<String> previewed = new ArrayList<>();
        for (JsonNode m : dry.json().path("mitigations")) {
            if (m.path("command").asText().contains("127.0.0.1:" + redis.port())) {
                assertEquals("DRY_RUN", m.path("decision").asText(), m.toString());
                previewed.add(m.path("step").asText());
            }
        }
        assertTrue(previewed.containsAll(List.of("delete_cache", "eviction_policy", "flushdb")), previewed + "\n" + dry.out());

        try (Jedis jedis = redis.client()) {
            setUser(jedis, "ACL SETUSER irm-ro -slowlog|len");
            IrmCli.Result without = cli.run("run", "redis-oom", "--dry-run", "--redis", aclUrl(), "-o", "json");
            List<String> unknown = new ArrayList<>();
            for (JsonNode step : without.json().path("steps")) {
                if (step.path("status").asText().equals("UNKNOWN")) {
                    unknown.add(step.path("id").asText());
                    assertTrue(step.path("message").asText().startsWith("permission missing: the Redis user may not run SLOWLOG LEN "
                            + "(NOPERM; add ACL rule +slowlog|len, see docs/PERMISSIONS.md)"), step.toString());
                }
            }
            assertEquals(List.of("slowlog"), unknown, without.out());
            assertEquals("CRITICAL", without.json().path("status").asText(), "the other checks go on: " + without.out());
            assertTrue(without.err().isEmpty(), without.err());
        } finally {
            try (Jedis jedis = redis.client()) {
                setUser(jedis, "ACL SETUSER irm-ro +slowlog|len");
            }
        }
    }
}
