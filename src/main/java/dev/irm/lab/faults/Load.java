package dev.irm.lab.faults;

import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** Bounded request load on the app's loopback port: a fixed number of requests, or rounds until a condition holds. */
final class Load {
    private static final int THREADS = 8;
    private static final Duration ROUNDS_LIMIT = Duration.ofSeconds(60);

    private Load() {
    }

    /** Sends {@code count} requests from 8 threads; returns the answers' bodies (failed requests are left out). */
    static List<String> send(int count, Function<Integer, HttpResponse<String>> request) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                sent.add(pool.submit(() -> request.apply(n)));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> f : sent) {
                try {
                    bodies.add(f.get(30, TimeUnit.SECONDS).body());
                } catch (Exception e) {
                    // a request that failed or timed out is part of the load, not a result
                }
            }
            return bodies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rounds of {@code perRound} requests until {@code visible} holds (at most 60 s): e.g. until Prometheus has scraped the fault. */
    static void until(int perRound, Function<Integer, HttpResponse<String>> request, String what, BooleanSupplier visible) {
        long deadline = System.nanoTime() + ROUNDS_LIMIT.toNanos();
        do {
            send(perRound, request);
            if (System.nanoTime() > deadline) {
                throw new IrmException(ExitCode.UNKNOWN, what + " not visible within " + ROUNDS_LIMIT.toSeconds() + " s of load");
            }
        } while (!visible.getAsBoolean());
    }
}
