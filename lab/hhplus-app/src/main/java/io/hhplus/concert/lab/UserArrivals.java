package io.hhplus.concert.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A ticket opening for the lab: users join the waiting queue through the app's own HTTP API on loopback
 * ({@code POST /api/queue/token}), a burst at once and then a steady stream faster than the queue scheduler
 * admits them, for a bounded time. Real requests through Tomcat, so request rate and latency show them too.
 */
@Component
@Profile("lab")
public class UserArrivals {
    static final int MAX_BURST = 5_000;
    static final int MAX_PER_SECOND = 200;
    static final int MAX_SECONDS = 3_600;
    private static final int CLIENTS = 8;
    private static final Logger log = LoggerFactory.getLogger(UserArrivals.class);
    private final Environment environment;
    private final AtomicLong arrived = new AtomicLong();
    private volatile Thread driver;
    private volatile int perSecond;

    public UserArrivals(Environment environment) {
        this.environment = environment;
    }

    /** Starts (replacing any running one) {@code burst} arrivals at once, then {@code perSecond} for {@code seconds}; all 0 stops. */
    public synchronized void start(int burst, int perSecond, int seconds) {
        stop();
        int b = clamp(burst, MAX_BURST);
        int rate = clamp(perSecond, MAX_PER_SECOND);
        int limit = clamp(seconds, MAX_SECONDS);
        if (b == 0 && (rate == 0 || limit == 0)) {
            return;
        }
        URI token = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + "/api/queue/token");
        this.perSecond = rate;
        driver = new Thread(() -> drive(token, b, rate, limit), "lab-user-arrivals");
        driver.setDaemon(true);
        driver.start();
        log.warn("lab fault: {} users arrive at once, then {} a second for {} s", b, rate, limit);
    }

    public synchronized void stop() {
        if (driver != null) {
            driver.interrupt();
            driver = null;
        }
        perSecond = 0;
    }

    public boolean running() {
        Thread t = driver;
        return t != null && t.isAlive();
    }

    public int perSecond() {
        return running() ? perSecond : 0;
    }

    public long arrived() {
        return arrived.get();
    }

    private void drive(URI token, int burst, int rate, int seconds) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, r -> {
            Thread t = new Thread(r, "lab-user");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(clients).build();
        try {
            for (int i = 0; i < burst && !Thread.currentThread().isInterrupted(); i += CLIENTS) {
                int n = Math.min(CLIENTS, burst - i);
                CompletableFuture<?>[] wave = new CompletableFuture<?>[n];
                for (int k = 0; k < n; k++) {
                    wave[k] = arrive(http, token);
                }
                CompletableFuture.allOf(wave).get(10, TimeUnit.SECONDS);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long gap = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            while (rate > 0 && System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                arrive(http, token);
                next = Math.max(next + gap, System.nanoTime() - TimeUnit.SECONDS.toNanos(1));
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("lab user arrivals stopped: {}", e.toString());
        } finally {
            clients.shutdownNow();
            log.info("lab user arrivals over: {} users arrived", arrived.get());
        }
    }

    private CompletableFuture<?> arrive(HttpClient http, URI token) {
        HttpRequest request = HttpRequest.newBuilder(token).timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
            if (e == null && r.statusCode() == 200) {
                arrived.incrementAndGet();
            }
            return null;
        });
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }
}
