package dev.irm.lab;

import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the lab keeps its data ({@code $XDG_STATE_HOME/irm/lab/}, else {@code ~/.local/state/irm/lab/})
 * and where it finds what it runs: the servers on PATH (Debian packages), and beside irm's code the
 * reference app's jar, the alert rules and the Kafka broker's jars (a checkout: {@code lab/...} and
 * {@code target/lib/kafka}; a release archive: {@code lab/} and {@code lib/kafka}).
 */
public final class LabHome {
    public static final String INSTALL = "scripts/install-lab.sh";

    private LabHome() {
    }

    public static Path stateDir(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "state");
        return base.resolve("irm").resolve("lab");
    }

    /** The folder holding irm's code: target/classes, target/ (irm.jar) or the release's lib/. */
    static Path codeDir() {
        try {
            Path code = Path.of(LabHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(code) ? code : code.getParent();
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot locate irm's code", e);
        }
    }

    /** The checkout or the unpacked release: the first folder above the code that has {@code lab/}. */
    static Path root() {
        for (Path d = codeDir(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("lab"))) {
                return d;
            }
        }
        throw missing("the lab's files (lab/ beside irm)");
    }

    static Path appJar() {
        Path root = root();
        for (Path jar : List.of(root.resolve("lab/hhplus-app.jar"), root.resolve("lab/hhplus-app/target/hhplus-app.jar"))) {
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw missing("the reference app's jar (lab/hhplus-app/target/hhplus-app.jar)");
    }

    static Path alertRules() {
        Path rules = root().resolve("lab/prometheus/rules.yml");
        if (!Files.isRegularFile(rules)) {
            throw missing(rules.toString());
        }
        return rules;
    }

    /** The Kafka broker's class path (its jars, copied by the build), or null when they are not there. */
    static String kafkaClassPath() {
        Path code = codeDir();
        Path dir = code.getFileName() != null && code.getFileName().toString().equals("lib") ? code.resolve("kafka")
                : (code.getFileName() != null && code.getFileName().toString().equals("classes") ? code.getParent() : code)
                        .resolve("lib").resolve("kafka");
        File[] jars = dir.toFile().listFiles((d, n) -> n.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            return null;
        }
        List<String> paths = new ArrayList<>();
        for (File jar : jars) {
            paths.add(jar.getAbsolutePath());
        }
        paths.sort(null);
        return String.join(File.pathSeparator, paths);
    }

    /** The JVM irm runs on: the reference app and the Kafka broker run on it too. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A program on PATH (or one of the usual sbin folders), else the one-line failure naming the install step. */
    public static String binary(String program, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw missing(program + " (Debian package " + debianPackage + ")");
    }

    static IrmException missing(String what) {
        return new IrmException(ExitCode.USAGE, "the lab needs " + what + ": install it with " + INSTALL);
    }
}
