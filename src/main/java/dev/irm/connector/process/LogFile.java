package dev.irm.connector.process;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.connector.logs.LogScan;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The newest lines of one local log file, stamped from the line itself: Spring Boot's
 * {@code 2026-12-02T01:00:46.123Z} / {@code +09:00} (ISO-8601 with offset) or logback's older
 * {@code 2026-12-02 01:00:46.123} (this host's zone). Lines without a stamp (stack traces) count
 * but carry no time. At most {@link #MAX_BYTES} from the end are read.
 */
final class LogFile {
    static final int MAX_BYTES = 32 * 1024 * 1024;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS][,SSS]");

    private LogFile() {
    }

    static void checkPath(Object value) {
        String path = value == null ? "" : value.toString();
        if (path.contains("${")) {
            return;
        }
        if (!path.startsWith("/") || path.contains("\0") || Arrays.asList(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("file '" + path + "' must be an absolute path without '..', e.g. /var/log/hhplus/application.log");
        }
    }

    static Observation logs(Args args, Duration timeout) throws IOException {
        String file = args.string("file");
        checkPath(file);
        Path path = Path.of(file);
        Instant now = Instant.now();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            m.put("exists", false);
            m.put("why", Files.exists(path) ? "cannot read " + file : "no file " + file);
            m.putAll(LogScan.judge(List.of(), args, now, now, false, new ArrayList<>()));
            return Observation.of(m);
        }
        int tail = LogScan.tail(args);
        boolean[] cut = new boolean[1];
        List<String> raw = tailLines(path, tail, cut);
        Instant windowStart = now.minus(LogScan.window(args));
        List<LogScan.Line> lines = new ArrayList<>();
        Instant first = null;
        Instant current = null;
        for (String text : raw) {
            Instant at = stamp(text);
            if (at != null) {
                current = at;
                first = first == null ? at : first;
            }
            if (current == null || !current.isBefore(windowStart)) {
                lines.add(new LogScan.Line(path.getFileName().toString(), at, text));
            }
        }
        List<Map<String, Object>> sample = new ArrayList<>();
        m.put("exists", true);
        m.put("why", "");
        Instant watchedSince = cut[0] || first == null ? windowStart : first;
        m.putAll(LogScan.judge(lines, args, now, watchedSince, cut[0], sample));
        return new Observation(m, sample, LogScan.excerpt(sample));
    }

    /** The last {@code tail} lines (and no more than MAX_BYTES); {@code cut[0]} says whether older lines were left out. */
    private static List<String> tailLines(Path path, int tail, boolean[] cut) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            long length = f.length();
            long from = Math.max(0, length - MAX_BYTES);
            byte[] bytes = new byte[(int) (length - from)];
            f.seek(from);
            f.readFully(bytes);
            List<String> all = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
            if (from > 0 && !all.isEmpty()) {
                all.remove(0);
            }
            cut[0] = from > 0 || all.size() > tail;
            return all.size() > tail ? all.subList(all.size() - tail, all.size()) : all;
        }
    }

    static Instant stamp(String line) {
        int space = line.indexOf(' ');
        if (space < 10 || !Character.isDigit(line.charAt(0))) {
            return null;
        }
        String first = line.substring(0, space);
        try {
            return OffsetDateTime.parse(first).toInstant();
        } catch (DateTimeParseException notIso) {
            int second = line.indexOf(' ', space + 1);
            String two = second > 0 ? line.substring(0, second) : line;
            try {
                return LocalDateTime.parse(two, LOCAL).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }
}
