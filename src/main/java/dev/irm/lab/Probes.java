package dev.irm.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** How the lab (and the test fixtures) tell that a part answers; every call bounded by a timeout. */
public final class Probes {
    public static final String HOST = "127.0.0.1";
    /** The one HTTP client of the lab's probes (and Prometheus queries): bounded connect. */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Probes() {
    }

    /** Redis answers PING (or asks for a password). */
    public static boolean redisPing(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            String reply = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        }
    }

    /** MariaDB accepts root without a password over TCP. */
    public static boolean mysqlAnswers(int port) throws Exception {
        try (Connection c = DriverManager.getConnection(
                "jdbc:mysql://" + HOST + ":" + port + "/?connectTimeout=1000&socketTimeout=2000", "root", "")) {
            return c.isValid(2);
        }
    }

    /** {@code GET http://127.0.0.1:port/path} answers 200. */
    public static boolean httpOk(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path)).timeout(Duration.ofSeconds(2))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** Something accepts TCP connections on the port. */
    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A loopback port that was free a moment ago and was not handed out before in this JVM: a part may bind
     * its port only later (the app's after Docker starts), so a second call must not hand out the same one.
     */
    public static int freePort() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(HOST, 0));
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("no free loopback port: 50 tries gave only ports handed out before");
    }
}
