package dev.irm.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code redis-server} on a loopback port, its files in {@code dir}, nothing persisted. */
public final class RedisPart {
    /** What the lab runs with: the app's cache may use 64 MiB, evicting the least recently used keys. */
    static final List<String> LAB_ARGS = List.of("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru");

    private RedisPart() {
    }

    public static String binary() {
        return LabHome.binary("redis-server", "redis-server");
    }

    public static List<String> command(String binary, int port, Path dir, List<String> extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(binary,
                "--port", String.valueOf(port), "--bind", Probes.HOST, "--daemonize", "no",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--enable-debug-command", "local"));
        cmd.addAll(extraArgs);
        return cmd;
    }
}
