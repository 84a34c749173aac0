package dev.irm.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A listener on a free loopback port, or on a unix-domain socket, that hands each connection's streams, on a daemon
 * thread of its own, to {@code protocol}; the connection is closed after it.
 */
public final class LoopbackServer implements AutoCloseable {
    /** What to do with one connection; an I/O error there only ends that connection. */
    @FunctionalInterface
    public interface Protocol {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    /** The longest request or header line a peer reads. */
    public static final int LINE_BYTES = 64 * 1024;
    private final ServerSocketChannel server;
    private final Protocol protocol;
    private final Path socket;

    public LoopbackServer(String name, Protocol protocol) throws IOException {
        this(name, protocol, ServerSocketChannel.open(StandardProtocolFamily.INET), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
    }

    private LoopbackServer(String name, Protocol protocol, ServerSocketChannel server, SocketAddress at, Path socket) throws IOException {
        this.protocol = protocol;
        this.server = server;
        this.socket = socket;
        server.bind(at, 16);
        Thread accept = new Thread(this::accept, name);
        accept.setDaemon(true);
        accept.start();
    }

    /** The same on a unix-domain socket at {@code socket} (JDK 16+), which {@link #close()} removes. */
    public static LoopbackServer onUnixSocket(String name, Path socket, Protocol protocol) throws IOException {
        return new LoopbackServer(name, protocol, ServerSocketChannel.open(StandardProtocolFamily.UNIX), UnixDomainSocketAddress.of(socket), socket);
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
        return new LoopbackServer(name, (in, out) -> answer(in, out, route));
    }

    /** The same HTTP answers on a unix-domain socket at {@code socket}: the Docker engine's usual door. */
    public static LoopbackServer httpOnUnixSocket(String name, Path socket, Function<String, Reply> route) throws IOException {
        return onUnixSocket(name, socket, (in, out) -> answer(in, out, route));
    }

    private static void answer(InputStream raw, OutputStream out, Function<String, Reply> route) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        String requestLine = BoundedInput.readLine(in, LINE_BYTES);
        while (true) {
            String header = BoundedInput.readLine(in, LINE_BYTES);
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
    }

    /** The TCP port (a unix-socket server has none). */
    public int port() {
        return ((InetSocketAddress) localAddress()).getPort();
    }

    private SocketAddress localAddress() {
        try {
            return server.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread serve = new Thread(() -> {
                    try (client) {
                        protocol.serve(Channels.newInputStream(client), Channels.newOutputStream(client));
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
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }
}
