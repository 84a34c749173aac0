package dev.irm.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/** A listener on a free loopback port that hands each connection, on a daemon thread of its own, to {@code protocol}. */
public final class LoopbackServer implements AutoCloseable {
    private final ServerSocket server;
    private final Consumer<Socket> protocol;

    public LoopbackServer(String name, Consumer<Socket> protocol) throws IOException {
        this.protocol = protocol;
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, name);
        accept.setDaemon(true);
        accept.start();
    }

    /** An HTTP reply: status 200, a content type and a body. */
    public record Reply(String contentType, byte[] body) {
        public static Reply json(String json) {
            return new Reply("application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * One HTTP request per connection (requests without a body), answered with {@code route}'s reply to its
     * path and query; the connection is closed after it.
     */
    public static LoopbackServer http(String name, Function<String, Reply> route) throws IOException {
        return new LoopbackServer(name, client -> {
            try {
                answer(client.getInputStream(), client.getOutputStream(), route);
            } catch (IOException e) {
                // the client went away
            }
        });
    }

    /** The same HTTP answers on a unix-domain socket at {@code socket} (JDK 16+): the Docker engine's usual door. */
    public static Closeable httpOnUnixSocket(String name, Path socket, Function<String, Reply> route) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread accept = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    Thread serve = new Thread(() -> {
                        try (client) {
                            answer(Channels.newInputStream(client), Channels.newOutputStream(client), route);
                        } catch (IOException | RuntimeException e) {
                            // the client went away
                        }
                    }, name + "-client");
                    serve.setDaemon(true);
                    serve.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, name);
        accept.setDaemon(true);
        accept.start();
        return () -> {
            server.close();
            Files.deleteIfExists(socket);
        };
    }

    /** One request without a body, answered with {@code route}'s reply to its path and query; the connection closes after it. */
    private static void answer(InputStream raw, OutputStream out, Function<String, Reply> route) {
        try (InputStream in = new BufferedInputStream(raw); out) {
            String requestLine = line(in);
            while (true) {
                String header = line(in);
                if (header == null || header.isEmpty()) {
                    break;
                }
            }
            String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
            Reply reply = route.apply(parts.length > 1 ? parts[1] : "/");
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + reply.contentType() + "\r\nContent-Length: " + reply.body().length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(reply.body());
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** One line of a text protocol without its CR LF; null at the end of the stream. */
    public static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread serve = new Thread(() -> {
                    try (client) {
                        protocol.accept(client);
                    } catch (IOException | RuntimeException e) {
                        // the client went away
                    }
                }, Thread.currentThread().getName() + "-client");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
