package dev.irm.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Java application as a container image, packed by {@code deploy/image/java-image.sh} (jlinked JRE, its shared
 * libraries, busybox, the jar and its lib/; no registry) and {@code docker load}ed into an engine. The archive is
 * cached by the hash of everything that goes into it in {@code $XDG_CACHE_HOME/irm/test-images} (else
 * {@code ~/.cache/...}), shared by the lab and the tests, so only the first run builds. The image's ENTRYPOINT is
 * {@code /usr/local/bin/NAME} ({@code java OPTS $JAVA_OPTS -jar /opt/app/JAR "$@"}); it runs as uid 10001.
 */
public final class ContainerImage {
    /**
     * The JRE modules a Spring Boot 3 web app needs (Tomcat, actuator, Micrometer, JDBC; jdeps over an unpacked
     * BOOT-INF/lib). jdeps cannot see into a fat jar, so pass these to {@link #modules(String)}.
     */
    public static final String SPRING_BOOT_MODULES = "java.base,java.compiler,java.desktop,java.instrument,java.logging,"
            + "java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,"
            + "java.security.sasl,java.sql,java.sql.rowset,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.net,jdk.unsupported";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(3);

    /** Runs {@code docker ARGS...} on one engine, bounded: exit code and output. */
    public interface DockerCli {
        LabProcess.Result run(Duration timeout, String... args);
    }

    private final Path jar;
    private final Path script;
    private final Map<String, String> env;
    private Path lib;
    private String name;
    private String modules = "";
    private String javaOpts = "";
    private final List<String> imageEnv = new ArrayList<>();
    /** {@link #hash()} of the current settings (null: not yet, or a setter changed them): the jar is read once. */
    private String hash;

    private ContainerImage(Path jar, Path script, Map<String, String> env) {
        this.jar = jar;
        this.script = script;
        this.env = env;
        String file = jar.getFileName().toString();
        this.name = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }

    /** {@code script}: deploy/image/java-image.sh; {@code env}: where XDG_CACHE_HOME and HOME are read. */
    public static ContainerImage of(Path jar, Path script, Map<String, String> env) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no such jar: " + jar);
        }
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("missing " + script);
        }
        return new ContainerImage(jar, script, env);
    }

    public ContainerImage lib(Path dir) {
        this.lib = dir;
        this.hash = null;
        return this;
    }

    public ContainerImage name(String name) {
        this.name = name;
        this.hash = null;
        return this;
    }

    public ContainerImage modules(String modules) {
        this.modules = modules;
        this.hash = null;
        return this;
    }

    public ContainerImage javaOpts(String opts) {
        this.javaOpts = opts;
        this.hash = null;
        return this;
    }

    public ContainerImage env(String nameEqualsValue) {
        imageEnv.add(nameEqualsValue);
        this.hash = null;
        return this;
    }

    /** Whether the archive is cached (else {@link #archive()} builds it: a minute or more). */
    public boolean cached() throws IOException {
        return Files.isRegularFile(cacheFile(hash()));
    }

    /** The image archive's path in the cache (built now if missing); {@code docker load -i} takes it. */
    public Path archive() throws IOException {
        String hash = hash();
        Path cache = cacheFile(hash);
        if (Files.isRegularFile(cache)) {
            return cache;
        }
        Files.createDirectories(cache.getParent());
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "--jar", jar.toString(), "--name", name,
                "--tag", tag(hash), "--out", cache.toString()));
        if (lib != null) {
            cmd.addAll(List.of("--lib", lib.toString()));
        }
        if (!modules.isBlank()) {
            cmd.addAll(List.of("--modules", modules));
        }
        if (!javaOpts.isBlank()) {
            cmd.addAll(List.of("--java-opts", javaOpts));
        }
        imageEnv.forEach(e -> cmd.addAll(List.of("--env", e)));
        LabProcess.Result r = LabProcess.run(BUILD_TIMEOUT, cmd);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("exit " + r.exitCode() + ": " + String.join(" ", cmd) + "\n" + r.output());
        }
        return cache;
    }

    /** Loads the image into the engine unless it has it already; returns its tag, e.g. {@code irm-test/app:1a2b3c4d5e6f}. */
    public synchronized String loadInto(DockerCli docker) throws IOException {
        String tag = tag(hash());
        if (docker.run(Duration.ofSeconds(30), "image", "inspect", tag).exitCode() == 0) {
            return tag;
        }
        Path archive = archive();
        LabProcess.Result r = docker.run(LOAD_TIMEOUT, "load", "-i", archive.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("docker load -i " + archive + ": exit " + r.exitCode() + "\n" + r.output());
        }
        return tag;
    }

    private String tag(String hash) {
        return "irm-test/" + name + ":" + hash;
    }

    private Path cacheFile(String hash) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
        return base.resolve("irm").resolve("test-images").resolve(name + "-" + hash + ".tar");
    }

    /** Everything that goes into the image: a change to any of it is a new image. Computed once per settings. */
    private synchronized String hash() throws IOException {
        if (hash == null) {
            hash = computeHash();
        }
        return hash;
    }

    private String computeHash() throws IOException {
        MessageDigest digest = sha256();
        update(digest, "name=" + name, "modules=" + modules, "opts=" + javaOpts, "env=" + String.join("\n", imageEnv),
                "java=" + System.getProperty("java.home") + " " + System.getProperty("java.vm.version"));
        file(digest, script);
        file(digest, jar);
        if (lib != null) {
            try (Stream<Path> files = Files.list(lib)) {
                for (Path f : files.sorted().toList()) {
                    update(digest, f.getFileName().toString());
                    file(digest, f);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    private static void update(MessageDigest digest, String... parts) {
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
    }

    private static void file(MessageDigest digest, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
