package dev.irm.testing;

import dev.irm.lab.DockerPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Docker engine for tests: the one at {@code DOCKER_HOST} or {@code /var/run/docker.sock} if it answers,
 * else a private {@code dockerd} (root only) with its own socket, data root and containerd namespace.
 * (started as the lab starts its engine, {@link DockerPart}). Set {@code -Dirm.test.docker=private} to always start a private one. Containers get
 * {@code --network none} unless a network is given: the private engine has no bridge.
 */
public final class DockerEngine implements AutoCloseable {
    public static final String IMAGE = "irm-test/busybox:1";
    public static final String LABEL = "dev.irm.test=1";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> BUSYBOX_APPLETS = List.of(
            "sh", "sleep", "head", "tr", "echo", "cat", "yes", "date", "ls", "ps", "env", "true", "false",
            "kill", "dd", "wc", "grep", "seq", "printf", "test", "timeout", "nc", "top", "free", "touch", "rm");

    private final String cli;
    private final String host;
    private final ManagedProcess daemon;
    private final Set<String> containers = ConcurrentHashMap.newKeySet();
    private final Thread hook;

    private DockerEngine(String cli, String host, ManagedProcess daemon) {
        this.cli = cli;
        this.host = host;
        this.daemon = daemon;
        this.hook = new Thread(this::shutdown, "irm-test-cleanup-docker");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static DockerEngine start() throws IOException {
        String cli = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : ManagedProcess.which("docker");
        if (!"private".equals(System.getProperty("irm.test.docker"))) {
            String existing = System.getenv("DOCKER_HOST");
            if (existing == null || existing.isBlank()) {
                existing = Files.exists(Path.of("/var/run/docker.sock")) ? "unix:///var/run/docker.sock" : null;
            }
            if (existing != null && answers(cli, existing, Duration.ofSeconds(5))) {
                return new DockerEngine(cli, existing, null);
            }
        }
        return startPrivate(cli);
    }

    private static DockerEngine startPrivate(String cli) throws IOException {
        String dockerd = ManagedProcess.which("dockerd", "/usr/sbin", "/usr/bin");
        ManagedProcess mp = ManagedProcess.inTempDir("docker", false, "dockerd.log");
        String host = DockerPart.host(mp.dir());
        String namespace = "irm-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            mp.start(DockerPart.daemonCommand(dockerd, mp.dir(), namespace));
        } catch (IOException e) {
            mp.close();
            throw e;
        }
        DockerEngine engine = new DockerEngine(cli, host, mp);
        try {
            mp.awaitReady(ManagedProcess.START_TIMEOUT, () -> answers(cli, host, Duration.ofSeconds(2)));
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static boolean answers(String cli, String host, Duration timeout) {
        return DockerPart.answers(cli, host, timeout);
    }

    /** The value for {@code DOCKER_HOST} / {@code docker -H}, e.g. {@code unix:///tmp/irm-docker-123/docker.sock}. */
    public String dockerHost() {
        return host;
    }

    public boolean isPrivate() {
        return daemon != null;
    }

    /** Runs {@code docker -H host args...}; returns stdout trimmed, throws on a non-zero exit. */
    public String docker(String... args) {
        CommandResult r = dockerResult(args);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("exit " + r.exitCode() + ": docker " + String.join(" ", args) + "\n"
                    + r.output());
        }
        return r.stdout().trim();
    }

    /** Runs {@code docker -H host args...} (30 s at most) and returns the result whatever the exit code. */
    public CommandResult dockerResult(String... args) {
        return dockerResult(CLI_TIMEOUT, args);
    }

    /** Runs {@code docker -H host args...} for at most {@code timeout} (e.g. a {@code docker load}) whatever the exit code. */
    public CommandResult dockerResult(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(cli, "-H", host));
        cmd.addAll(List.of(args));
        return ManagedProcess.run(timeout, cmd);
    }

    /** Imports {@value #IMAGE} (busybox-static plus applet symlinks) unless the engine has it. */
    public synchronized void ensureImage() throws IOException {
        if (dockerResult("image", "inspect", IMAGE).exitCode() == 0) {
            return;
        }
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("/bin/busybox missing: install busybox-static");
        }
        Path work = Files.createTempDirectory("irm-rootfs-");
        try {
            Path rootfs = work.resolve("rootfs");
            Files.createDirectories(rootfs.resolve("bin"));
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.copy(busybox, rootfs.resolve("bin/busybox"));
            for (String applet : BUSYBOX_APPLETS) {
                Files.createSymbolicLink(rootfs.resolve("bin/" + applet), Path.of("busybox"));
            }
            Path tar = work.resolve("rootfs.tar");
            ManagedProcess.runChecked(CLI_TIMEOUT, List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
            docker("import", "--change", "ENV PATH=/bin", "--change", "CMD [\"sh\"]", tar.toString(), IMAGE);
        } finally {
            ManagedProcess.deleteRecursively(work);
        }
    }

    /**
     * {@code docker run -d --name name --label dev.irm.test=1 [--network none] runArgs... IMAGE cmd...};
     * returns the container id. The container is removed on close(); a name already in use is an error.
     */
    public String runContainer(String name, List<String> runArgs, String... cmd) throws IOException {
        ensureImage();
        return runContainer(name, IMAGE, runArgs, cmd);
    }

    /** {@link #runContainer(String, List, String...)} of another image the engine has, e.g. one of {@link JavaImage}. */
    public String runContainer(String name, String image, List<String> runArgs, String... cmd) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--label", LABEL));
        if (runArgs.stream().noneMatch(a -> a.startsWith("--net"))) {
            args.addAll(List.of("--network", "none"));
        }
        args.addAll(runArgs);
        args.add(image);
        args.addAll(List.of(cmd));
        CommandResult r = dockerResult(args.toArray(String[]::new));
        if (r.exitCode() != 0) {
            if (!r.stderr().contains("Conflict")) {
                dockerResult("rm", "-f", "-v", name);
            }
            throw new IllegalStateException("exit " + r.exitCode() + ": docker " + String.join(" ", args) + "\n"
                    + r.output());
        }
        containers.add(name);
        return r.stdout().trim();
    }

    /** Waits for the container to exit and returns its exit code. */
    public int waitContainer(String name, Duration timeout) {
        List<String> cmd = List.of(cli, "-H", host, "wait", name);
        CommandResult r = ManagedProcess.run(timeout, cmd);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("docker wait " + name + " failed: " + r.output());
        }
        return Integer.parseInt(r.stdout().trim());
    }

    /** {@code docker inspect -f format name}, trimmed. */
    public String inspect(String name, String format) {
        return docker("inspect", "-f", format, name);
    }

    public void removeContainer(String name) {
        dockerResult("rm", "-f", "-v", name);
        containers.remove(name);
    }

    private void removeContainers() {
        if (containers.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(cli, "-H", host, "rm", "-f", "-v"));
        cmd.addAll(containers);
        try {
            ManagedProcess.run(CLI_TIMEOUT, cmd);
        } catch (RuntimeException e) {
            // engine gone: nothing left to remove
        }
        containers.clear();
    }

    /** Removes the containers this fixture created and stops dockerd if it started it. */
    @Override
    public void close() {
        shutdown();
        ManagedProcess.removeShutdownHook(hook);
    }

    private synchronized void shutdown() {
        removeContainers();
        if (daemon != null) {
            daemon.stop(Duration.ofSeconds(15));
            DockerPart.cleanUp(daemon.dir());
            daemon.close();
        }
    }
}
