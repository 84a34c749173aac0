package dev.irm.connector.redis;

import dev.irm.support.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyspace hit/miss counters sampled during one command, so the hit ratio can be judged over the
 * recent window instead of since the server started (a collapse happening now hides behind a long
 * history of hits). The first sample is taken when the connection opens; an {@code INFO} read then
 * compares with the newest sample at least the window old, waiting only for what is still missing.
 * The window is the longest wait, not a fixed one: from a fifth of it on, it ends as soon as the
 * counters already tell ({@link #told}): enough lookups to judge a ratio, or so few that the whole
 * window could not reach {@code min_lookups}.
 */
final class HitWindow {
    static final Duration DEFAULT = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(10);
    static final long DEFAULT_MIN_LOOKUPS = 100;
    /** Lookups that settle a ratio before the window is over: at 1,000 its standard error is at most 1.6 points. */
    static final long ENOUGH_PER_MIN_LOOKUP = 10;
    static final int EARLIEST_FRACTION = 5;

    /** Counters at one moment. */
    record Sample(long nanos, long hits, long misses) {
        /** The counters of a parsed INFO (stats) reply, taken at {@code nanos}. */
        static Sample of(Map<String, Object> info, long nanos) {
            return new Sample(nanos, RedisReads.asLong(info.get("keyspace_hits")), RedisReads.asLong(info.get("keyspace_misses")));
        }

        long lookups() {
            return hits + misses;
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    /** Adds a sample; of those older than the longest window only the newest stays, so a long-lived connection keeps few. */
    synchronized void add(Sample s) {
        samples.add(s);
        while (samples.size() > 2 && s.nanos() - samples.get(1).nanos() > MAX.toNanos()) {
            samples.remove(0);
        }
    }

    synchronized boolean isEmpty() {
        return samples.isEmpty();
    }

    /** How long to wait until a window of this length exists (the first sample is that old). */
    synchronized Duration missing(Duration window, long nowNanos) {
        if (samples.isEmpty()) {
            return window;
        }
        long age = nowNanos - samples.get(0).nanos();
        return age >= window.toNanos() ? Duration.ZERO : Duration.ofNanos(window.toNanos() - age);
    }

    /** How long to wait before the counters may first tell: a fifth of the window after the first sample. */
    synchronized Duration untilFirstLook(Duration window, long nowNanos) {
        return missing(window.dividedBy(EARLIEST_FRACTION), nowNanos);
    }

    /**
     * Whether the samples so far already settle the window: at least a fifth of it old, and the
     * lookups since the first sample either {@code enough} to judge the ratio, or, projected over the
     * whole window, under half of {@code minLookups} (too little traffic, however the rest went).
     */
    synchronized boolean told(Duration window, long minLookups, long enough) {
        if (samples.size() < 2) {
            return false;
        }
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        long age = last.nanos() - first.nanos();
        if (age < window.toNanos() / EARLIEST_FRACTION || last.hits() < first.hits() || last.misses() < first.misses()) {
            return false;
        }
        long lookups = last.lookups() - first.lookups();
        return lookups >= enough || lookups * (double) window.toNanos() / age < minLookups / 2.0;
    }

    /** The newest sample taken at least {@code window} before {@code nowNanos}, else the oldest; null when none. */
    synchronized Sample baseline(Duration window, long nowNanos) {
        Sample chosen = null;
        for (Sample s : samples) {
            if (chosen == null || nowNanos - s.nanos() >= window.toNanos()) {
                chosen = s;
            }
        }
        return chosen;
    }

    /** A step's {@code window} argument, the default when it has none. */
    static Duration window(dev.irm.connector.Args args) {
        return window(args.has("window") ? args.string("window") : null);
    }

    static Duration window(Object value) {
        if (value == null) {
            return DEFAULT;
        }
        Duration d = Durations.parse(value.toString());
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("window must be at most " + MAX.toSeconds() + "s, not " + value);
        }
        return d;
    }

    static long minLookups(dev.irm.connector.Args args) {
        return args.number("min_lookups", DEFAULT_MIN_LOOKUPS);
    }

    /** A step's {@code enough_lookups}, else ten times its {@code min_lookups}. */
    static long enoughLookups(dev.irm.connector.Args args) {
        return args.number("enough_lookups", minLookups(args) * ENOUGH_PER_MIN_LOOKUP);
    }

    static void checkWindow(Object value) {
        if (value != null && !value.toString().contains("${")) {
            window(value);
        }
    }

    /**
     * The judged figures: over the window whenever one was taken, else since the server started. A
     * collapse is about now and needs traffic: a window that saw fewer than {@code minLookups} says
     * so ({@code hit_lookups} stays under the threshold, so the checks skip) rather than judging the
     * since-start history, which on a quiet server is all background misses. {@code now} holds this
     * read's counters; {@code base} is null when no window could be taken (window 0s, counters reset).
     */
    static void derive(Map<String, Object> m, Sample base, Sample now, long minLookups) {
        long hits = now.hits();
        long misses = now.misses();
        double sinceStart = ratio(hits, misses);
        m.put("keyspace_lookups", hits + misses);
        m.put("hit_ratio_since_start_pct", sinceStart);
        boolean comparable = base != null && now.hits() >= base.hits() && now.misses() >= base.misses() && now.nanos() > base.nanos();
        long windowHits = comparable ? now.hits() - base.hits() : 0;
        long windowMisses = comparable ? now.misses() - base.misses() : 0;
        double seconds = comparable ? Math.round((now.nanos() - base.nanos()) / 1e8) / 10.0 : 0.0;
        m.put("window_s", seconds);
        m.put("window_hits", windowHits);
        m.put("window_misses", windowMisses);
        m.put("window_lookups", windowHits + windowMisses);
        m.put("window_hit_ratio_pct", ratio(windowHits, windowMisses));
        String last = "the last " + (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
        if (comparable) {
            m.put("hit_ratio_pct", ratio(windowHits, windowMisses));
            m.put("hit_lookups", windowHits + windowMisses);
            m.put("hit_misses", windowMisses);
            m.put("hit_window", windowHits + windowMisses >= minLookups ? "over " + last
                    : "over " + last + " (too little traffic to judge; " + sinceStart + "% since Redis started)");
        } else {
            m.put("hit_ratio_pct", sinceStart);
            m.put("hit_lookups", hits + misses);
            m.put("hit_misses", misses);
            m.put("hit_window", "since Redis started");
        }
    }

    private static double ratio(long hits, long misses) {
        return hits + misses > 0 ? Math.round(hits * 1000.0 / (hits + misses)) / 10.0 : 100.0;
    }
}
