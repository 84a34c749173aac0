package dev.irm.support;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * What a connector reads once and keeps for the rest of one command (a list that a dozen steps judge). The first
 * caller of a key reads; a caller meanwhile (a background sampler, a parallel step) waits for that read instead of
 * sending its own, without holding a lock over the I/O. A failed read is not kept: the next caller tries again and a
 * waiter gets the same cause. The wait is bounded by the reader's own deadline.
 */
public final class KeptReads {
    /** One read, throwing what its client throws. */
    @FunctionalInterface
    public interface Read<T, E extends Exception> {
        T read() throws E;
    }

    private final Map<String, CompletableFuture<Object>> kept = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T once(String key, Read<T, E> read) throws E {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> earlier = kept.putIfAbsent(key, mine);
        if (earlier != null) {
            try {
                return (T) earlier.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the read of " + key, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw (E) cause; // the same key is always read by the same call, so its failure is an E
            }
        }
        try {
            T value = read.read();
            mine.complete(value);
            return value;
        } catch (Exception | Error e) {
            kept.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Drops everything kept (after a write, what was read may no longer be so). */
    public void forget() {
        kept.clear();
    }
}
