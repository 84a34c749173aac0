package dev.irm.testing;

import dev.irm.lab.ContainerImage;
import dev.irm.lab.LabProcess;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Java application as a container image in a test's {@link DockerEngine}, packed by
 * {@code deploy/image/java-image.sh} (jlinked JRE, its shared libraries, busybox, the jar and its lib/;
 * no registry), through the lab's {@link ContainerImage} (the same cache: only the first run builds; a new
 * private engine just {@code docker load}s it).
 *
 * <pre>{@code
 * String image = JavaImage.of(jar).name("app").modules(JavaImage.SPRING_BOOT_MODULES).loadInto(docker);
 * docker.docker("run", "-d", "--network", "host", image, "--server.port=18080");
 * }</pre>
 * The image's ENTRYPOINT is {@code /usr/local/bin/NAME} ({@code java OPTS $JAVA_OPTS -jar /opt/app/JAR "$@"}),
 * so the container's arguments are the application's; it runs as uid 10001 with HOME=/home/app.
 */
public final class JavaImage {
    /** {@link ContainerImage#SPRING_BOOT_MODULES}: the reference app starts and serves on them in a container. */
    public static final String SPRING_BOOT_MODULES = ContainerImage.SPRING_BOOT_MODULES;

    private final ContainerImage image;

    private JavaImage(ContainerImage image) {
        this.image = image;
    }

    public static JavaImage of(Path jar) {
        return new JavaImage(ContainerImage.of(jar, script(), System.getenv()));
    }

    /** A folder of jars copied to {@code /opt/app/lib} (the jar's manifest Class-Path names them). */
    public JavaImage lib(Path dir) {
        image.lib(dir);
        return this;
    }

    /** The launcher's name, {@code /usr/local/bin/NAME}, also the image's repository {@code irm-test/NAME}. */
    public JavaImage name(String name) {
        image.name(name);
        return this;
    }

    /**
     * The JRE's modules, comma-separated. Needed for a Spring Boot fat jar (jdeps cannot see nested jars);
     * when not given the script asks jdeps.
     */
    public JavaImage modules(String modules) {
        image.modules(modules);
        return this;
    }

    public JavaImage javaOpts(String opts) {
        image.javaOpts(opts);
        return this;
    }

    /** An {@code ENV NAME=VALUE} of the image. */
    public JavaImage env(String nameEqualsValue) {
        image.env(nameEqualsValue);
        return this;
    }

    /** Loads the image into the engine unless it has it already; returns its tag, e.g. {@code irm-test/app:1a2b3c4d5e6f}. */
    public String loadInto(DockerEngine docker) throws IOException {
        return image.loadInto((timeout, args) -> {
            CommandResult r = docker.dockerResult(timeout, args);
            return new LabProcess.Result(r.exitCode(), r.stdout(), r.stderr());
        });
    }

    private static Path script() {
        return Path.of(System.getProperty("irm.project.dir", "."), "deploy", "image", "java-image.sh");
    }
}
