package dev.irm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.testing.IrmCli;
import org.junit.jupiter.api.Test;

/** The command surface: help, version, usage errors and their exit codes. */
class CommandLineTest {
    private final IrmCli cli = new IrmCli();

    @Test
    void versionAndHelp() {
        IrmCli.Result version = cli.run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("irm "), version.out());
        IrmCli.Result help = cli.run("--help");
        assertEquals(0, help.code());
        for (String command : new String[] {"list", "show", "validate", "diagnose", "run", "config"}) {
            assertTrue(help.out().contains(command), help.out());
        }
    }

    @Test
    void usageErrorsExit64WithOneLine() {
        IrmCli.Result unknownTarget = cli.run("diagnose", "postgres");
        assertEquals(64, unknownTarget.code());
        assertTrue(unknownTarget.err().startsWith("irm: unknown target 'postgres'"), unknownTarget.err());

        IrmCli.Result unknownRunbook = cli.run("run", "no-such-runbook");
        assertEquals(64, unknownRunbook.code());
        assertTrue(unknownRunbook.err().contains("unknown runbook 'no-such-runbook'"), unknownRunbook.err());

        IrmCli.Result badOption = cli.run("diagnose", "redis", "--frobnicate");
        assertEquals(64, badOption.code());

        IrmCli.Result badTimeout = cli.run("--timeout", "soon", "diagnose", "redis");
        assertEquals(64, badTimeout.code());
        assertTrue(badTimeout.err().contains("--timeout"), badTimeout.err());

        IrmCli.Result noArgs = cli.run();
        assertEquals(64, noArgs.code());
        assertFalse(noArgs.err().contains("Exception"), noArgs.err());
    }

    @Test
    void badRedisUrlIsAFindingNamingTheUrl() {
        IrmCli.Result r = cli.run("diagnose", "redis", "--redis", "http://nope", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.check("redis.reachable").path("summary").asText().contains("expected redis:// or rediss://"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void listAndShow() {
        IrmCli.Result list = cli.run("list", "-o", "json");
        assertEquals(0, list.code());
        assertTrue(list.json().isArray() && list.json().size() >= 3, list.out());
        IrmCli.Result show = cli.run("show", "redis-oom", "-o", "markdown");
        assertEquals(0, show.code());
        assertTrue(show.out().startsWith("# Redis memory full (`redis-oom`)"), show.out());
        IrmCli.Result json = cli.run("show", "redis-oom", "-o", "json");
        assertEquals("redis-oom", json.json().path("id").asText());
    }
}
