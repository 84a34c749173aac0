package dev.irm.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads for network work. {@link #within} is the last line of defence against a client
 * that ignores its own timeouts: the caller gets an answer at the deadline whatever the call does.
 */
public final class Workers {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "irm-worker-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** How much longer than its deadline a call may take while this JVM is busy with its own start-up. */
    public static final Duration START_UP_GRACE = Duration.ofSeconds(1);

    private Workers() {
    }

    public static <T> Future<T> submit(Callable<T> task) {
        return POOL.submit(task);
    }

    /** Runs {@code task} and waits at most {@code deadline}; a late task is interrupted and abandoned. */
    public static <T> T within(Duration deadline, Callable<T> task) throws Exception {
        return within(deadline, deadline, task);
    }

    /**
     * Runs {@code task} and waits {@code deadline} of the peer's time, at most {@code cap} in all: past
     * the deadline it waits on only while this JVM is busy with its own start-up (see {@link OwnWork}).
     * A cold client's first call loads hundreds of classes, on a busy host for a second or more; that
     * is not the peer being slow, and judging it unreachable would be wrong. A peer that never answers
     * is still cut within one slice of the deadline once this JVM is idle.
     */
    public static <T> T within(Duration deadline, Duration cap, Callable<T> task) throws Exception {
        return await(POOL.submit(task), deadline, cap);
    }

    /** {@link #within(Duration, Duration, Callable)} with the cap {@link #START_UP_GRACE} past the deadline. */
    public static <T> T withinPeerTime(Duration deadline, Callable<T> task) throws Exception {
        return within(deadline, deadline.plus(START_UP_GRACE), task);
    }

    /** {@link #withinPeerTime} for a call already running. */
    public static <T> T awaitPeerTime(Future<T> future, Duration deadline) throws Exception {
        return await(future, deadline, deadline.plus(START_UP_GRACE));
    }

    /** {@link #within(Duration, Duration, Callable)} for a call already running; a late one is cancelled. */
    public static <T> T await(Future<T> future, Duration deadline, Duration cap) throws Exception {
        long started = System.nanoTime();
        long capAt = started + Math.max(deadline.toNanos(), cap.toNanos());
        try {
            try {
                return future.get(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException late) {
                OwnWork.Mark mark = capAt - System.nanoTime() > 0 ? OwnWork.mark() : null; // a hard deadline asks nothing more
                while (mark != null) {
                    long left = capAt - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        return future.get(Math.min(left, OwnWork.SLICE.toNanos()), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException stillLate) {
                        OwnWork.Mark now = OwnWork.mark();
                        if (!now.busySince(mark)) {
                            break;
                        }
                        mark = now;
                    }
                }
                future.cancel(true);
                throw new DeadlineExceededException(deadline);
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** A call that outlived its deadline. */
    public static final class DeadlineExceededException extends Exception {
        public DeadlineExceededException(Duration deadline) {
            super("no answer within " + deadline.toMillis() + " ms");
        }
    }
}
