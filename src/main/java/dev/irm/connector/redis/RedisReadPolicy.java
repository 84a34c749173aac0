package dev.irm.connector.redis;

import java.util.Locale;
import java.util.Set;

/**
 * The commands a diagnostic may send, at subcommand level: {@code CONFIG GET} yes, {@code CONFIG SET}
 * no. {@code KEYS} is read-only but blocks the server, so it is refused too: patterns go through SCAN.
 */
final class RedisReadPolicy {
    private static final Set<String> COMMANDS = Set.of(
            "ping", "info", "dbsize", "time", "lastsave", "role", "type", "exists", "ttl", "pttl", "get", "strlen",
            "zcard", "zcount", "zrange", "zscore", "scard", "sismember", "llen", "hlen", "hget", "xlen", "scan");
    private static final Set<String> SUBCOMMANDS = Set.of(
            "config|get", "memory|usage", "memory|stats", "memory|doctor", "slowlog|get", "slowlog|len",
            "client|list", "client|info", "latency|latest", "object|encoding", "object|idletime", "object|freq",
            "command|info", "command|count");

    private RedisReadPolicy() {
    }

    static boolean allows(String... argv) {
        if (argv.length == 0) {
            return false;
        }
        String command = argv[0].toLowerCase(Locale.ROOT);
        if (COMMANDS.contains(command)) {
            return true;
        }
        return argv.length > 1 && SUBCOMMANDS.contains(command + "|" + argv[1].toLowerCase(Locale.ROOT));
    }

    static void check(String... argv) {
        if (!allows(argv)) {
            boolean container = argv.length > 1 && SUBCOMMANDS.stream().anyMatch(c -> c.startsWith(argv[0].toLowerCase(Locale.ROOT) + "|"));
            String shown = argv.length == 0 ? "(empty)" : container ? argv[0] + " " + argv[1] : argv[0];
            throw new IllegalArgumentException("'" + shown.toUpperCase(Locale.ROOT) + "' is not a read-only Redis command irm allows in diagnostics");
        }
    }
}
