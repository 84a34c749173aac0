package dev.irm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code target/irm-VERSION.tar.gz} (built by {@code package}) installed by
 * {@code scripts/install.sh} into a temp prefix: the installed launcher runs without the checkout, keeps its
 * CDS archive in the user's cache and not in the prefix, and {@code man} renders every page without a warning.
 */
class InstallIT {
    private static final Path ROOT = Path.of(System.getProperty("irm.project.dir", "."));

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs a command with a clean environment: HOME in the temp dir, system PATH, from the temp dir (not the checkout). */
    private Run run(Map<String, String> extraEnv, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("HOME", dir.resolve("home").toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.putAll(extraEnv);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished: " + String.join(" ", cmd));
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run run(String... cmd) throws Exception {
        return run(Map.of(), cmd);
    }

    private static String version() throws Exception {
        return Files.readAllLines(ROOT.resolve("target/maven-archiver/pom.properties")).stream()
                .filter(l -> l.startsWith("version=")).map(l -> l.substring(8)).findFirst().orElseThrow();
    }

    @Test
    void theArchiveInstallsIntoAPrefixAndRunsFromThere() throws Exception {
        Path archive = ROOT.resolve("target/irm-" + version() + ".tar.gz");
        assertTrue(Files.isRegularFile(archive), "mvn package builds " + archive);
        Files.createDirectories(dir.resolve("home"));
        Path prefix = dir.resolve("prefix");
        Run install = run("bash", ROOT.resolve("scripts/install.sh").toString(), "--prefix", prefix.toString(), archive.toString());
        assertEquals(0, install.code(), install.toString());

        Path irm = prefix.resolve("bin/irm");
        Run version = run(irm.toString(), "--version");
        assertEquals(0, version.code(), version.toString());
        assertTrue(version.out().startsWith("irm " + version()), version.out());
        Run list = run(irm.toString(), "list", "-o", "json");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("\"redis-oom\""), list.out());
        assertFalse(list.err().contains("building"), "the installed launcher never builds: " + list.err());
        try (Stream<Path> cache = Files.list(dir.resolve("home/.cache/irm"))) {
            assertTrue(cache.anyMatch(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")), "CDS archive or AOT cache in ~/.cache/irm");
        }
        try (Stream<Path> installed = Files.walk(prefix)) {
            assertTrue(installed.noneMatch(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")), "nothing written into the prefix");
        }
        assertTrue(Files.isRegularFile(prefix.resolve("share/bash-completion/completions/irm")));
        assertTrue(Files.isRegularFile(prefix.resolve("share/zsh/site-functions/_irm")));

        List<Path> pages;
        try (Stream<Path> s = Files.list(prefix.resolve("share/man/man1"))) {
            pages = s.sorted().toList();
        }
        try (Stream<Path> s = Files.list(ROOT.resolve("docs/man"))) {
            assertEquals(s.count(), pages.size(), "one roff page per docs/man page: " + pages);
        }
        Map<String, String> man = new HashMap<>(Map.of("MANPAGER", "cat", "MANWIDTH", "100", "MANPATH", prefix.resolve("share/man").toString()));
        for (Path page : pages) {
            Run rendered = run(man, "man", "--warnings", "-l", page.toString());
            assertEquals(0, rendered.code(), page + ": " + rendered);
            assertEquals("", rendered.err(), page + " renders without warnings");
            assertTrue(rendered.out().contains("NAME") && rendered.out().contains("SYNOPSIS"), rendered.out());
        }
        Run irmPage = run(man, "man", "irm");
        assertEquals(0, irmPage.code(), irmPage.toString());
        assertTrue(irmPage.out().contains("irm - Incident runbooks that run"), irmPage.out());
        Run diagnosePage = run(man, "man", "irm-diagnose");
        assertTrue(diagnosePage.out().contains("--redis=URL"), diagnosePage.out());

        Run uninstall = run("bash", ROOT.resolve("scripts/install.sh").toString(), "--uninstall", "--prefix", prefix.toString());
        assertEquals(0, uninstall.code(), uninstall.toString());
        try (Stream<Path> left = Files.walk(prefix)) {
            List<Path> files = new ArrayList<>(left.filter(p -> !Files.isDirectory(p)).toList());
            assertEquals(List.of(), files, "uninstall leaves no file");
        }
    }

    @Test
    void theUnpackedArchiveInstallsItself() throws Exception {
        Path archive = ROOT.resolve("target/irm-" + version() + ".tar.gz");
        Files.createDirectories(dir.resolve("home"));
        assertEquals(0, run("tar", "-xzf", archive.toString(), "-C", dir.toString()).code());
        Path unpacked = dir.resolve("irm-" + version());
        Path prefix = dir.resolve("p2");
        Run install = run(unpacked.resolve("install.sh").toString(), "--prefix", prefix.toString());
        assertEquals(0, install.code(), install.toString());
        Map<String, String> noCds = Map.of("IRM_CDS", "0"); // the first test covers the CDS archive
        Run version = run(noCds, prefix.resolve("bin/irm").toString(), "--version");
        assertEquals(0, version.code(), version.toString());
        Run bad = run(noCds, prefix.resolve("bin/irm").toString(), "diagnose", "nosuchtarget");
        assertEquals(64, bad.code(), bad.toString());
    }
}
