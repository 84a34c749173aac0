package dev.irm.connector.logs;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each source's timestamped log read once per command for the widest window asked so far: a later step whose window
 * and tail an earlier read covers is cut from it ({@link LogWindow}), so the built-in runbooks read each log at most
 * twice (30m/5,000, then 49h/20,000, which also answers 10m/5,000). Reads of different sources run in parallel.
 */
public final class KeptLogs {
    /** One read of a source's log for the window asked; the text, one stamped line after another. */
    @FunctionalInterface
    public interface Read<E extends Exception> {
        String read() throws E;
    }

    private final Map<String, LogWindow> kept = new ConcurrentHashMap<>();

    /** The log of {@code source} for the last {@code sinceSeconds}, at most {@code tail} lines. */
    public <E extends Exception> String get(String source, int sinceSeconds, int tail, Read<E> read) throws E {
        LogWindow earlier = kept.get(source);
        if (earlier != null && earlier.covers(sinceSeconds, tail)) {
            return earlier.cut(sinceSeconds, tail, Instant.now());
        }
        // not computeIfAbsent: a slow read must not hold the map's lock for other sources
        String text = read.read();
        LogWindow fresh = new LogWindow(sinceSeconds, tail, text);
        kept.merge(source, fresh, (old, mine) -> old.covers(mine.sinceSeconds(), mine.tail()) ? old : mine);
        return text;
    }

    public void forget() {
        kept.clear();
    }
}
