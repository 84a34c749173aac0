package dev.irm.testing;

import dev.irm.lab.Probes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

public final class FreePorts {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {
    }

    /** A loopback TCP port that was free a moment ago and was not handed out before in this JVM (by the lab either). */
    public static int next() {
        return Probes.freePort();
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
