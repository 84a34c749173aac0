package dev.irm.connector.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One timestamped log read ({@code sinceSeconds}, {@code tailLines}) kept for the command, so a later
 * step asking for a window and tail it covers (10m/5,000 inside 49h/20,000) is cut from it locally
 * instead of reading every pod's (or container's) log again: the newest {@code tail} lines at or after {@code now - since}
 * are what the API server would have sent.
 */
record LogWindow(int sinceSeconds, int tail, String text) {

    boolean covers(int since, int lines) {
        return since <= sinceSeconds && lines <= tail;
    }

    /** The part of this read a request for {@code since} seconds and {@code lines} lines gets at {@code now}. */
    String cut(int since, int lines, Instant now) {
        if (since == sinceSeconds && lines == tail) {
            return text;
        }
        Instant from = now.minusSeconds(since);
        List<String> kept = new ArrayList<>();
        boolean keeping = false;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Instant stamp = stamp(line);
            if (stamp != null) {
                keeping = !stamp.isBefore(from);
            }
            if (keeping) { // an unstamped line goes with the stamped line before it
                kept.add(line);
            }
        }
        List<String> newest = kept.subList(Math.max(0, kept.size() - lines), kept.size());
        return newest.isEmpty() ? "" : String.join("\n", newest) + "\n";
    }

    private static Instant stamp(String line) {
        int space = line.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        try {
            return LogStamp.parse(line.subSequence(0, space));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
