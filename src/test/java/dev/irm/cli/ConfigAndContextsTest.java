package dev.irm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contexts and the resolution order of CONTRACT.md: option, environment, context, default. */
class ConfigAndContextsTest {

    private static IrmCli withConfig(String yaml) throws Exception {
        IrmCli cli = new IrmCli();
        Files.writeString(Path.of(cli.home().resolve("config.yaml").toString()), yaml);
        return cli;
    }

    @Test
    void contextsListSwitchAndViewMasksSecrets() throws Exception {
        IrmCli cli = withConfig("""
                currentContext: staging
                contexts:
                  staging:
                    description: staging cluster
                    redis: {url: "redis://:hunter2-secret@10.0.0.5:6379"}
                  prod:
                    description: production
                    mysql: {url: "jdbc:mysql://db.prod:3306/app", user: irm, password: "db-secret-pw"}
                """);
        IrmCli.Result contexts = cli.run("config", "contexts");
        assertEquals(0, contexts.code(), contexts.toString());
        assertTrue(contexts.out().lines().anyMatch(l -> l.startsWith("*") && l.contains("staging")), contexts.out());

        IrmCli.Result view = cli.run("config", "view");
        assertTrue(view.out().contains("redis://:***@10.0.0.5:6379"), view.out());
        assertFalse(view.out().contains("hunter2-secret"), view.out());

        assertEquals(0, cli.run("config", "use-context", "prod").code());
        IrmCli.Result prod = cli.run("config", "view");
        assertTrue(prod.out().contains("currentContext: prod"), prod.out());
        assertTrue(prod.out().contains("jdbc:mysql://db.prod:3306/app"), prod.out());
        assertFalse(prod.out().contains("db-secret-pw"), prod.out());

        IrmCli.Result unknown = cli.run("config", "use-context", "nope");
        assertEquals(64, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown context 'nope'"), unknown.err());
    }

    @Test
    void optionBeatsEnvironmentBeatsContextBeatsDefault() throws Exception {
        try (RedisServer real = RedisServer.start("--maxmemory", "64mb")) {
            IrmCli cli = withConfig("""
                    currentContext: here
                    contexts:
                      here:
                        redis: {url: "%s"}
                      broken:
                        redis: {url: "redis://127.0.0.1:1"}
                    """.formatted(real.url()));
            IrmCli.Result fromContext = cli.run("diagnose", "redis", "-o", "json");
            assertEquals(0, fromContext.code(), fromContext.toString());
            assertEquals(real.url(), fromContext.json().path("targets").get(0).path("endpoint").asText());
            assertEquals("here", fromContext.json().path("context").asText());

            cli.env("IRM_REDIS_URL", "redis://127.0.0.1:2");
            IrmCli.Result fromEnv = cli.run("diagnose", "redis", "-o", "json");
            assertEquals("redis://127.0.0.1:2", fromEnv.json().path("targets").get(0).path("endpoint").asText());

            IrmCli.Result fromOption = cli.run("diagnose", "redis", "-o", "json", "--redis", real.url());
            assertEquals(0, fromOption.code(), fromOption.toString());

            IrmCli.Result otherContext = new IrmCli().env("IRM_CONFIG", cli.home().resolve("config.yaml").toString())
                    .run("diagnose", "redis", "-o", "json", "--context", "broken");
            assertEquals(2, otherContext.code(), otherContext.toString());
            assertEquals("broken", otherContext.json().path("context").asText());
        }
    }

    @Test
    void contextVariablesOverrideRunbookDefaults() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "4mb", "--maxmemory-policy", "allkeys-lru")) {
            try (var jedis = redis.client()) {
                String value = "v".repeat(4096);
                for (int i = 0; i < 500; i++) {
                    jedis.set("data:" + i, value);
                }
            }
            IrmCli cli = withConfig("""
                    contexts:
                      strict:
                        variables: {warn_pct: "1", crit_pct: "99"}
                    """);
            IrmCli.Result r = cli.run("diagnose", "redis", "-o", "json", "--redis", redis.url(), "--context", "strict");
            assertEquals("WARNING", r.check("redis.memory").path("status").asText(), r.out());
        }
    }

    @Test
    void aBadContextVariableIsOneConfigErrorForDiagnoseAsForRun() throws Exception {
        for (String bad : List.of("warn_pct: \"lots\"", "crit_pct: \"250\"", "platform: \"mars\"")) {
            IrmCli cli = withConfig("currentContext: bad\ncontexts:\n  bad:\n    variables: {" + bad + "}\n");
            String name = bad.substring(0, bad.indexOf(':'));
            for (String[] args : List.of(new String[] {"diagnose", "redis", "--redis", "redis://127.0.0.1:1"},
                    new String[] {"run", "redis-oom", "--redis", "redis://127.0.0.1:1"})) {
                IrmCli.Result r = cli.run(args);
                assertEquals(65, r.code(), bad + " " + args[0] + ": " + r);
                assertEquals(1, r.err().lines().count(), r.err());
                assertTrue(r.err().contains("context variable " + name + ": "), r.err());
                assertTrue(r.out().isEmpty(), "nothing diagnosed with a bad threshold: " + r.out());
            }
        }
        IrmCli.Result set = withConfig("contexts: {}\n").run("run", "redis-oom", "--redis", "redis://127.0.0.1:1", "--set", "warn_pct=lots");
        assertEquals(64, set.code(), "a bad --set stays a usage error: " + set);
    }

    @Test
    void brokenConfigIsExit65WithLocation() throws Exception {
        IrmCli cli = withConfig("contexts:\n  x:\n    redsi: {url: a}\n");
        IrmCli.Result r = cli.run("diagnose", "redis");
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().matches("(?s).*config\\.yaml:\\d+:\\d+: unknown field 'redsi'.*"), r.err());
    }
}
