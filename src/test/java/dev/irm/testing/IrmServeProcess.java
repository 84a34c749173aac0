package dev.irm.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code irm serve} as its own JVM ({@code java -cp <the test class path> dev.irm.Main serve ...}),
 * so that SIGTERM and the process's own logs are real; its port is read from its first log line.
 */
public final class IrmServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final Path log;
    private final int port;

    private IrmServeProcess(ManagedProcess process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** {@code env} is the whole environment of the process (plus PATH and HOME); {@code args} follow {@code irm}. */
    public static IrmServeProcess start(Map<String, String> env, String... args) throws IOException {
        ManagedProcess mp = ManagedProcess.inTempDir("irm-serve", "serve.log");
        Path log = mp.dir().resolve("serve.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.irm.Main"));
        cmd.addAll(List.of(args));
        mp.start(cmd, env);
        int[] port = {0};
        mp.awaitReady(ManagedProcess.START_TIMEOUT, () -> {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        });
        return new IrmServeProcess(mp, log, port[0]);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample in {@code GET /metrics} (0 when absent). */
    public double metric(String sample) throws IOException, InterruptedException {
        for (String line : get("/metrics", null).body().lines().toList()) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).strip());
            }
        }
        return 0;
    }

    /** SIGTERM and wait; the exit code, or -1 if it had to be killed. */
    public int terminate(Duration grace) {
        return process.terminate(grace);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
