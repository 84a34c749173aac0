package dev.irm.connector.logs;

import dev.irm.connector.Args;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.support.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Judges timestamped log lines against a pattern: how many match, how old the newest match is, and
 * for heartbeats how long the pattern has been missing. Shared by the Docker and Kubernetes log actions.
 */
public final class LogScan {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
    public static final int DEFAULT_TAIL = 5000;
    private static final int SAMPLE = 5;
    private static final int MAX_LINE = 400;

    /** One log line with the time the runtime stamped on it. */
    public record Line(String source, Instant at, String text) {
    }

    /** The log-reading parameters every log action takes. */
    public static Param[] params() {
        return new Param[] {
            Param.optional("pattern", "Java regular expression to count (default: every line)").checkedBy(LogScan::checkPattern),
            Param.optional("keyword", "literal text to count, e.g. [좌석점유정리] (instead of pattern)").checkedBy(LogScan::checkKeyword),
            Param.optional("since", "time window, e.g. 30m (default 30m)").as(ParamType.DURATION),
            Param.optional("tail", "at most this many newest lines per source (default 5000)").as(ParamType.INTEGER)
        };
    }

    private LogScan() {
    }

    public static Duration window(Args args) {
        return Durations.parse(args.string("since", "30m"));
    }

    public static int tail(Args args) {
        return (int) Math.max(1, Math.min(200_000, args.number("tail", DEFAULT_TAIL)));
    }

    /** The pattern of {@code pattern} or the quoted {@code keyword}; null counts every line. */
    public static Pattern pattern(Args args) {
        if (args.has("keyword")) {
            return Pattern.compile(Pattern.quote(args.string("keyword")));
        }
        return args.has("pattern") ? Pattern.compile(args.string("pattern")) : null;
    }

    /**
     * Metrics of the scan. {@code missing_for_s} is the age of the newest match; without one it is
     * how long the logs could have shown it: the window, or less when the source started later
     * ({@code watchedSince}). {@code truncated} means the tail limit cut the window short.
     */
    public static Map<String, Object> judge(List<Line> lines, Args args, Instant now, Instant watchedSince, boolean truncated,
                                            List<Map<String, Object>> sampleRows) {
        Pattern pattern = pattern(args);
        Duration window = window(args);
        long matches = 0;
        Instant newest = null;
        List<Line> matched = new ArrayList<>();
        for (Line line : lines) {
            if (pattern == null || pattern.matcher(line.text()).find()) {
                matches++;
                matched.add(line);
                if (line.at() != null && (newest == null || line.at().isAfter(newest))) {
                    newest = line.at();
                }
            }
        }
        Instant windowStart = now.minus(window);
        Instant watched = watchedSince == null || watchedSince.isBefore(windowStart) ? windowStart : watchedSince;
        if (truncated) {
            Instant oldest = lines.stream().map(Line::at).filter(a -> a != null).min(Instant::compareTo).orElse(now);
            if (oldest.isAfter(watched)) {
                watched = oldest;
            }
        }
        long missingFor = newest != null ? seconds(newest, now) : seconds(watched, now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pattern", pattern == null ? "" : args.has("keyword") ? args.string("keyword") : pattern.pattern());
        m.put("window_s", window.toSeconds());
        m.put("lines", (long) lines.size());
        m.put("matches", matches);
        m.put("found", matches > 0);
        m.put("last_match_age_s", newest == null ? -1L : seconds(newest, now));
        m.put("missing_for_s", missingFor);
        m.put("truncated", truncated);
        int from = Math.max(0, matched.size() - SAMPLE);
        for (Line line : matched.subList(from, matched.size())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("source", line.source());
            row.put("at", line.at() == null ? "" : line.at().toString());
            row.put("line", shorten(line.text()));
            sampleRows.add(row);
        }
        return m;
    }

    /** The sample rows as text, one line each, for the observation's excerpt. */
    public static String excerpt(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> row : rows) {
            out.append(row.get("source")).append(' ').append(row.get("at")).append(' ').append(row.get("line")).append('\n');
        }
        return out.toString();
    }

    /** Splits {@code 2026-11-21T23:00:00.123456789Z text} as Docker and Kubernetes stamp lines. */
    public static Line parse(String source, String raw) {
        int space = raw.indexOf(' ');
        if (space > 0) {
            try {
                return new Line(source, LogStamp.parse(raw.subSequence(0, space)), raw.substring(space + 1));
            } catch (java.time.format.DateTimeParseException e) {
                // not stamped: keep the whole line
            }
        }
        return new Line(source, null, raw);
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }

    private static String shorten(String s) {
        return s.length() <= MAX_LINE ? s : s.substring(0, MAX_LINE) + "…";
    }

    static void checkPattern(Object value) {
        if (value == null || value.toString().contains("${")) {
            return;
        }
        try {
            Pattern.compile(value.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a regular expression: " + e.getDescription());
        }
    }

    static void checkKeyword(Object value) {
        if (value != null && (value.toString().isEmpty() || value.toString().length() > 200)) {
            throw new IllegalArgumentException("keyword must be 1–200 characters");
        }
    }
}
