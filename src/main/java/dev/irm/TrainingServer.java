package dev.irm;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Only for the AppCDS training run: a loopback listener that answers the Redis protocol or HTTP
 * with empty-but-well-formed replies, so the training gets past connecting and the clients' reply
 * classes are archived too. Not a Redis and not an application: nothing is stored or checked.
 */
final class TrainingServer implements AutoCloseable {
    private static final String INFO = "# Server\r\nredis_version:7.0.0\r\nuptime_in_seconds:60\r\n# Clients\r\nconnected_clients:1\r\n"
            + "maxclients:10000\r\n# Memory\r\nused_memory:1000000\r\nmaxmemory:0\r\nmaxmemory_policy:noeviction\r\n"
            + "# Stats\r\nkeyspace_hits:0\r\nkeyspace_misses:0\r\nevicted_keys:0\r\n# Replication\r\nrole:master\r\n";
    private final ServerSocket server;
    private final Consumer<Socket> protocol;

    private TrainingServer(Consumer<Socket> protocol) throws IOException {
        this.protocol = protocol;
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "training-server");
        accept.setDaemon(true);
        accept.start();
    }

    static TrainingServer redis() throws IOException {
        return new TrainingServer(TrainingServer::serveRedis);
    }

    static TrainingServer http() throws IOException {
        return new TrainingServer(TrainingServer::serveHttp);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread serve = new Thread(() -> protocol.accept(client), "training-server-client");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serveRedis(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = client.getOutputStream()) {
            List<String> command;
            while ((command = readCommand(in)) != null) {
                out.write(reply(command).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
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

    /** One request per connection: any path answers 200 with an empty JSON object. */
    private static void serveHttp(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = client.getOutputStream()) {
            String line;
            while ((line = line(in)) != null && !line.isEmpty()) {
                // headers are not needed: requests irm sends have no body
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    private static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
    }

    private static List<String> readCommand(InputStream in) throws IOException {
        String header = line(in);
        if (header == null || !header.startsWith("*")) {
            return null;
        }
        int count = Integer.parseInt(header.substring(1));
        List<String> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String length = line(in);
            if (length == null || !length.startsWith("$")) {
                return null;
            }
            byte[] data = in.readNBytes(Integer.parseInt(length.substring(1)) + 2);
            parts.add(new String(data, 0, Math.max(0, data.length - 2), StandardCharsets.UTF_8));
        }
        return parts;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
