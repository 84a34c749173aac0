package dev.irm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.cli.DocsGenerator;
import dev.irm.testing.IrmCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Completion scripts and man pages: committed == generated, and bash really completes runbook ids. */
class CompletionTest {
    private static final Path PROJECT = Path.of(System.getProperty("irm.project.dir", "."));

    @Test
    void committedScriptsAndManPagesEqualWhatTheAnnotationsGenerate() throws Exception {
        Map<String, String> generated = DocsGenerator.files();
        assertTrue(generated.containsKey("completions/irm.bash") && generated.containsKey("docs/man/irm-run.adoc"), generated.keySet().toString());
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path committed = PROJECT.resolve(file.getKey());
            assertTrue(Files.exists(committed), file.getKey() + " is missing: build with mvn package and commit it");
            assertEquals(file.getValue(), Files.readString(committed, StandardCharsets.UTF_8),
                    file.getKey() + " drifted from the annotations: build with mvn package and commit it");
        }
        assertEquals(Files.readString(PROJECT.resolve("completions/irm.bash")), new IrmCli().run("completion", "bash").out());
        assertEquals(64, new IrmCli().run("completion", "fish").code());
    }

    @Test
    void bashCompletesRunbookIdsTargetsAndContexts() throws Exception {
        Path home = Files.createTempDirectory("irm-complete");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path irm = bin.resolve("irm");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.writeString(irm, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.irm.Main \"$@\"\n");
        Files.setPosixFilePermissions(irm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("config.yaml"), "contexts:\n  prod: {}\n  staging: {}\n");
        Path extra = Files.createDirectories(home.resolve("more"));
        Files.writeString(extra.resolve("x.yaml"), "id: zz-extra\ntitle: Extra\nseverity: P3\nsteps:\n  - {id: a, kind: manual, title: A, text: a}\n");
        String script = """
                source '%s'
                complete -p irm
                complete_line() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _irm_dynamic irm; echo "${COMPREPLY[*]}"; }
                complete_line irm run ''
                complete_line irm run redis-d
                complete_line irm --runbooks '%s' show zz
                complete_line irm diagnose ''
                complete_line irm --context ''
                """.formatted(PROJECT.resolve("completions/irm.bash"), extra);
        ProcessBuilder pb = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", script);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("IRM_CONFIG", home.resolve("config.yaml").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.exitValue(), lines.toString());
        assertTrue(lines.get(0).contains("complete -o default -F _irm_dynamic irm") || lines.get(0).contains("-F _irm_dynamic"), lines.toString());
        assertTrue(List.of(lines.get(1).split(" ")).containsAll(List.of("redis-down", "redis-health", "redis-oom")), lines.toString());
        assertEquals("redis-down", lines.get(2));
        assertEquals("zz-extra", lines.get(3));
        assertTrue(lines.get(4).contains("redis") && lines.get(4).contains("all"), lines.get(4));
        assertEquals("prod staging", lines.get(5));
    }

    /**
     * One TAB with a warm cache starts no JVM: the PATH's {@code java} records every start, irm is run
     * through it. The cache is written by the first (cold) completion of each kind, and a config edited
     * after it sends the next TAB back to irm.
     */
    @Test
    void aWarmCacheCompletesWithoutStartingAJvm() throws Exception {
        Path home = Files.createTempDirectory("irm-complete-cache");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path calls = home.resolve("java-calls");
        Path realJava = Path.of(System.getProperty("java.home"), "bin", "java");
        executable(bin.resolve("java"), "#!/bin/sh\necho started >> '" + calls + "'\nexec '" + realJava + "' \"$@\"\n");
        executable(bin.resolve("irm"), "#!/bin/sh\nexec java -cp '" + System.getProperty("java.class.path") + "' dev.irm.Main \"$@\"\n");
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "contexts:\n  blue: {}\n  green: {}\n");
        Path cache = home.resolve("cache/irm/completion");
        String script = """
                source '%s'
                complete_line() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _irm_dynamic irm; echo "${COMPREPLY[*]}"; }
                starts() { if [[ -f '%s' ]]; then wc -l < '%s'; else echo 0; fi; }
                complete_line irm run redis-d; starts
                complete_line irm show redis-o; starts
                complete_line irm diagnose my; starts
                complete_line irm --context ''; starts
                complete_line irm --context g; starts
                touch -d '-1 hour' '%s'
                printf 'contexts:\\n  blue: {}\\n  green: {}\\n  grey: {}\\n' > '%s'
                complete_line irm --context g; starts
                complete_line irm --context g; starts
                """.formatted(PROJECT.resolve("completions/irm.bash"), calls, calls, cache, config);
        ProcessBuilder pb = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", script);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("IRM_CONFIG", config.toString());
        pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim).toList();
        assertEquals(0, p.exitValue(), lines.toString());
        assertEquals(List.of(
                "redis-down", "1",          // cold: irm __complete runbooks, which writes the cache
                "redis-oom", "1",           // runbook ids from the cache
                "mysql", "1",               // targets too (written with the runbooks)
                "blue green", "2",          // contexts were not cached yet
                "green", "2",               // now they are
                "green grey", "3",          // the config is newer than the cache: irm again
                "green grey", "3"), lines);
        assertTrue(Files.readString(cache).contains("contexts\tgrey\n"), Files.readString(cache));
    }

    private static void executable(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
