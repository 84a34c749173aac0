package dev.irm.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Wall-clock fields of a running incident as people write them in messages. */
public final class IncidentClock {
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(ZoneId.systemDefault());

    private IncidentClock() {
    }

    static void refresh(Scope scope) {
        Object started = scope.forStep().get("incident") instanceof java.util.Map<?, ?> m ? m.get("started_at") : null;
        Instant start = started == null ? Instant.now() : Instant.parse(started.toString());
        scope.incident("now", TIME.format(Instant.now()));
        scope.incident("elapsed", minutes(Duration.between(start, Instant.now())));
    }

    public static String minutes(Duration d) {
        long m = Math.max(0, d.toMinutes());
        return m < 60 ? m + " min" : m / 60 + " h " + m % 60 + " min";
    }

    /** {@code mm:ss} (or {@code h:mm:ss}) for the guided screen's clock. */
    public static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%02d:%02d", s / 60, s % 60);
    }
}
