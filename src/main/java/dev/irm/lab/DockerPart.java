package dev.irm.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private {@code dockerd} (root only): its own socket, data root, exec root and containerd namespace under
 * {@code dir}, no bridge and no iptables (containers use {@code --network host}), so it touches nothing of
 * the host's engine. The tests' {@code DockerEngine} starts its private engine through this class too.
 */
public final class DockerPart {
    static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

    private DockerPart() {
    }

    /** The docker CLI, or null. */
    public static String cli() {
        for (String c : List.of("/usr/bin/docker", "/usr/local/bin/docker")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /** Why no private engine can be started here, or null when one can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "a private Docker engine needs root";
        }
        if (cli() == null) {
            return "no docker CLI (Debian package docker.io)";
        }
        try {
            LabHome.binary("dockerd", "docker.io");
        } catch (RuntimeException e) {
            return "no dockerd (Debian package docker.io)";
        }
        return null;
    }

    public static String host(Path dir) {
        return "unix://" + dir.resolve("docker.sock");
    }

    public static List<String> daemonCommand(String dockerd, Path dir, String namespace) {
        return List.of(dockerd, "--host", host(dir), "--data-root", DockerDataRoot.of(dir).toString(), "--exec-root", dir + "/exec",
                "--pidfile", dir + "/docker.pid", "--shutdown-timeout", "2",
                "--bridge", "none", "--iptables=false", "--ip-masq=false",
                "--containerd-namespace", namespace, "--containerd-plugins-namespace", namespace + "-plugins");
    }

    public static boolean answers(String cli, String host, Duration timeout) {
        try {
            return LabProcess.run(timeout, List.of(cli, "-H", host, "version", "--format", "{{.Server.Version}}")).exitCode() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code docker -H host args...}, bounded. */
    static LabProcess.Result docker(String cli, String host, Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(cli, "-H", host));
        cmd.addAll(List.of(args));
        return LabProcess.run(timeout, cmd);
    }

    /**
     * After the engine stopped: kills what it left outside its process tree (containerd shims, whose command
     * lines name the engine's folder) and lazily unmounts what is still mounted under the folder.
     */
    public static void cleanUp(Path dir) {
        String marker = dir.toString();
        ProcessHandle.allProcesses()
                .filter(ph -> ph.pid() != ProcessHandle.current().pid())
                .filter(ph -> ph.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(ph -> {
                    ph.descendants().forEach(ProcessHandle::destroyForcibly);
                    ph.destroyForcibly();
                });
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" ")[1])
                    .filter(m -> m.startsWith(marker))
                    .sorted((a, b) -> b.length() - a.length())
                    .toList();
            for (String m : mounts) {
                LabProcess.run(Duration.ofSeconds(5), List.of("umount", "-l", m));
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }
}
