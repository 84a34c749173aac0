package dev.irm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class FreePorts {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A loopback TCP port that was free a moment ago and was not handed out before in this JVM. */
    public static int next() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(LOOPBACK, 0));
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port found");
    }

    /** A port that accepts TCP connections (into the backlog) but never reads or answers: clients time out. */
    public static BlackHole blackHolePort() {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(LOOPBACK, 0), 64);
            return new BlackHole(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class BlackHole implements AutoCloseable {
        private final ServerSocket socket;

        private BlackHole(ServerSocket socket) {
            this.socket = socket;
        }

        public int port() {
            return socket.getLocalPort();
        }

        public String host() {
            return socket.getInetAddress().getHostAddress();
        }

        /** {@code host:port} */
        public String address() {
            return host() + ":" + port();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
