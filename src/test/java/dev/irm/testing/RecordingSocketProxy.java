package dev.irm.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unix-socket proxy in front of a real HTTP peer (the Docker engine's socket) that records each request line the
 * client sends, so a test can count what irm asked for. Bytes pass unchanged both ways.
 */
public final class RecordingSocketProxy implements AutoCloseable {
    /** A request line; an API version prefix ({@code /v1.47}) is left out of the recorded path. */
    private static final Pattern REQUEST = Pattern.compile("(?m)^([A-Z]+) (?:/v[0-9.]+)?(/\\S*) HTTP/1\\.[01]\r?$");
    private final ServerSocketChannel server;
    private final Path socket;
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

    public RecordingSocketProxy(Path socket, Path upstream) throws IOException {
        this.socket = socket;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread accept = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(upstream));
                    pump(client, peer, true);
                    pump(peer, client, false);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "recording-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** {@code unix://} URL of the proxy's socket. */
    public String url() {
        return "unix://" + socket;
    }

    /** Every request so far as "METHOD /path?query", in the order sent. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void pump(SocketChannel from, SocketChannel to, boolean record) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try (from; to) {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    if (record) {
                        Matcher m = REQUEST.matcher(StandardCharsets.ISO_8859_1.decode(buf.duplicate()));
                        while (m.find()) {
                            requests.add(m.group(1) + " " + m.group(2));
                        }
                    }
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                // one side closed
            }
        }, "recording-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
