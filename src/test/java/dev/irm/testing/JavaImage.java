package dev.irm.testing;

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
import java.util.stream.Stream;

/**
 * A Java application as a container image in a test's {@link DockerEngine}, packed by
 * {@code deploy/image/java-image.sh} (jlinked JRE, its shared libraries, busybox, the jar and its lib/;
 * no registry). The image archive is cached by the hash of everything that goes into it (jar, lib/,
 * options, the script, the JDK) in {@code $XDG_CACHE_HOME/irm/test-images} (else {@code ~/.cache/...}),
 * so only the first run builds; a new private engine just {@code docker load}s it.
 *
 * <pre>{@code
 * String image = JavaImage.of(jar).name("app").modules(JavaImage.SPRING_BOOT_MODULES).loadInto(docker);
 * docker.docker("run", "-d", "--network", "host", image, "--server.port=18080");
 * }</pre>
 * The image's ENTRYPOINT is {@code /usr/local/bin/NAME} ({@code java OPTS $JAVA_OPTS -jar /opt/app/JAR "$@"}),
 * so the container's arguments are the application's; it runs as uid 10001 with HOME=/home/app.
 */
public final class JavaImage {
    /**
     * The JRE modules a Spring Boot 3 web app needs (Tomcat, actuator, Micrometer, JDBC; jdeps over an unpacked
     * BOOT-INF/lib). jdeps cannot see into a fat jar, so pass these to {@link #modules(String)}. The reference app
     * starts and serves its actuator and Prometheus metrics on them in a container ({@code ReferenceAppOomTest}).
     */
    public static final String SPRING_BOOT_MODULES = "java.base,java.compiler,java.desktop,java.instrument,java.logging,"
            + "java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,"
            + "java.security.sasl,java.sql,java.sql.rowset,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.net,jdk.unsupported";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(3);

    private final Path jar;
    private Path lib;
    private String name;
    private String modules = "";
    private String javaOpts = "";
    private final List<String> env = new ArrayList<>();

    private JavaImage(Path jar) {
        this.jar = jar;
        String file = jar.getFileName().toString();
        this.name = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }

    public static JavaImage of(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no such jar: " + jar);
        }
        return new JavaImage(jar);
    }

    /** A folder of jars copied to {@code /opt/app/lib} (the jar's manifest Class-Path names them). */
    public JavaImage lib(Path dir) {
        this.lib = dir;
        return this;
    }

    /** The launcher's name, {@code /usr/local/bin/NAME}, also the image's repository {@code irm-test/NAME}. */
    public JavaImage name(String name) {
        this.name = name;
        return this;
    }

    /**
     * The JRE's modules, comma-separated. Needed for a Spring Boot fat jar (jdeps cannot see nested jars);
     * when not given the script asks jdeps.
     */
    public JavaImage modules(String modules) {
        this.modules = modules;
        return this;
    }

    public JavaImage javaOpts(String opts) {
        this.javaOpts = opts;
        return this;
    }

    /** An {@code ENV NAME=VALUE} of the image. */
    public JavaImage env(String nameEqualsValue) {
        env.add(nameEqualsValue);
        return this;
    }

    /** The image archive's path in the cache (built now if missing); {@code docker load -i} takes it. */
    public Path archive() throws IOException {
        String hash = hash();
        Path cache = cacheDir().resolve(name + "-" + hash + ".tar");
        if (Files.isRegularFile(cache)) {
            return cache;
        }
        Files.createDirectories(cache.getParent());
        List<String> cmd = new ArrayList<>(List.of("bash", script().toString(), "--jar", jar.toString(), "--name", name,
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
        env.forEach(e -> cmd.addAll(List.of("--env", e)));
        ManagedProcess.runChecked(BUILD_TIMEOUT, cmd);
        return cache;
    }

    /** Loads the image into the engine unless it has it already; returns its tag, e.g. {@code irm-test/app:1a2b3c4d5e6f}. */
    public synchronized String loadInto(DockerEngine docker) throws IOException {
        String tag = tag(hash());
        if (docker.dockerResult("image", "inspect", tag).exitCode() == 0) {
            return tag;
        }
        Path archive = archive();
        CommandResult r = docker.dockerResult(LOAD_TIMEOUT, "load", "-i", archive.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("docker load -i " + archive + ": exit " + r.exitCode() + "\n" + r.output());
        }
        return tag;
    }

    private String tag(String hash) {
        return "irm-test/" + name + ":" + hash;
    }

    private static Path script() {
        Path script = Path.of(System.getProperty("irm.project.dir", "."), "deploy", "image", "java-image.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("missing " + script);
        }
        return script;
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("irm").resolve("test-images");
    }

    /** Everything that goes into the image: a change to any of it is a new image. */
    private String hash() throws IOException {
        MessageDigest digest = sha256();
        update(digest, "name=" + name, "modules=" + modules, "opts=" + javaOpts, "env=" + String.join("\n", env),
                "java=" + System.getProperty("java.home") + " " + System.getProperty("java.vm.version"));
        file(digest, script());
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
