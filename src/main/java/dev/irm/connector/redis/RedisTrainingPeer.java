package dev.irm.connector.redis;

import dev.irm.connector.TrainingPeer;
import dev.irm.support.BoundedInput;
import dev.irm.support.LoopbackServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The training run's Redis ({@link TrainingPeer}): RESP replies that are empty but well formed. */
final class RedisTrainingPeer implements TrainingPeer {
    private static final String INFO = "# Server\r\nredis_version:7.0.0\r\nuptime_in_seconds:60\r\n# Clients\r\nconnected_clients:1\r\n"
            + "maxclients:10000\r\n# Memory\r\nused_memory:1000000\r\nmaxmemory:0\r\nmaxmemory_policy:noeviction\r\n"
            + "# Stats\r\nkeyspace_hits:0\r\nkeyspace_misses:0\r\nevicted_keys:0\r\n# Replication\r\nrole:master\r\n";
    private final LoopbackServer server;

    RedisTrainingPeer() throws IOException {
        server = new LoopbackServer("training-redis", RedisTrainingPeer::serve);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("url", "redis://" + server.address());
    }

    private static void serve(InputStream raw, OutputStream out) {
        try (InputStream in = new BufferedInputStream(raw)) {
            List<String> command;
            while ((command = readCommand(in)) != null) {
                out.write(reply(command).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String reply(List<String> command) {
        String name = command.isEmpty() ? "" : command.get(0).toUpperCase(Locale.ROOT);
        String sub = command.size() > 1 ? command.get(1).toUpperCase(Locale.ROOT) : "";
        return switch (name) {
            case "PING" -> "+PONG\r\n";
            case "INFO" -> bulk(INFO);
            case "TYPE" -> "+none\r\n";
            case "TTL", "PTTL", "ZCARD", "SCARD", "LLEN", "HLEN", "XLEN", "STRLEN", "DBSIZE", "EXISTS" -> ":0\r\n";
            case "TIME" -> "*2\r\n" + bulk("1700000000") + bulk("0");
            case "SCAN" -> "*2\r\n" + bulk("0") + "*0\r\n";
            case "SLOWLOG" -> "LEN".equals(sub) ? ":0\r\n" : "*0\r\n";
            case "GET", "MEMORY" -> "$-1\r\n";
            case "CONFIG", "ZRANGE", "LRANGE", "HGETALL", "KEYS" -> "*0\r\n";
            default -> "+OK\r\n";
        };
    }

    private static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
    }

    private static List<String> readCommand(InputStream in) throws IOException {
        String header = BoundedInput.readLine(in, LoopbackServer.LINE_BYTES);
        if (header == null || !header.startsWith("*")) {
            return null;
        }
        int count = Integer.parseInt(header.substring(1));
        List<String> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String length = BoundedInput.readLine(in, LoopbackServer.LINE_BYTES);
            if (length == null || !length.startsWith("$")) {
                return null;
            }
            byte[] data = in.readNBytes(Integer.parseInt(length.substring(1)) + 2);
            parts.add(new String(data, 0, Math.max(0, data.length - 2), StandardCharsets.UTF_8));
        }
        return parts;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
