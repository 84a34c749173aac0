package dev.irm.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A check at WARNING or above, as listed worst-first in reports. A per-row check gives one finding
 * per row ({@code subject} names it, e.g. the consumer group), at most {@link #MAX_PER_CHECK}, then
 * one "and N more" finding whose {@code more} counts the rows it stands for by status; every other
 * finding has {@code more} null and stands for itself.
 */
public record Finding(String target, String check, Status severity, String summary, String runbook, String subject,
                      Map<Status, Long> more) {
    public static final int MAX_PER_CHECK = 5;

    public Finding(String target, String check, Status severity, String summary, String runbook) {
        this(target, check, severity, summary, runbook, null, null);
    }

    /** How many findings of {@code status} this one stands for: 1 or 0, or the rows an "and N more" covers. */
    public long count(Status status) {
        return more == null ? (severity == status ? 1 : 0) : more.getOrDefault(status, 0L);
    }

    public static Finding of(CheckResult r) {
        return new Finding(r.target(), r.id(), r.status(), r.summary(), r.runbook());
    }

    /** The findings one check yields: itself, or its subjects worst first and capped. */
    public static List<Finding> allOf(CheckResult r) {
        if (r.subjects().isEmpty()) {
            return r.status().isFinding() ? List.of(of(r)) : List.of();
        }
        List<Finding> out = new ArrayList<>();
        List<CheckResult.Subject> subjects = r.subjects();
        for (CheckResult.Subject s : subjects.subList(0, Math.min(MAX_PER_CHECK, subjects.size()))) {
            out.add(new Finding(r.target(), r.id(), s.status(), s.summary(), r.runbook(), s.name(), null));
        }
        List<CheckResult.Subject> rest = subjects.subList(out.size(), subjects.size());
        if (!rest.isEmpty()) {
            out.add(new Finding(r.target(), r.id(), Status.worst(rest.stream().map(CheckResult.Subject::status).toList()),
                    "and " + rest.size() + " more: " + countsByStatus(rest), r.runbook(), null, tally(rest)));
        }
        return out;
    }

    private static Map<Status, Long> tally(List<CheckResult.Subject> subjects) {
        Map<Status, Long> out = new LinkedHashMap<>();
        for (Status status : List.of(Status.CRITICAL, Status.WARNING, Status.UNKNOWN)) {
            long n = subjects.stream().filter(s -> s.status() == status).count();
            if (n > 0) {
                out.put(status, n);
            }
        }
        return out;
    }

    private static String countsByStatus(List<CheckResult.Subject> subjects) {
        List<String> parts = new ArrayList<>();
        tally(subjects).forEach((status, n) -> parts.add(n + " " + status.name()));
        return String.join(", ", parts) + " (" + String.join(", ", subjects.stream().limit(10).map(CheckResult.Subject::name).toList())
                + (subjects.size() > 10 ? ", …" : "") + ")";
    }
}
