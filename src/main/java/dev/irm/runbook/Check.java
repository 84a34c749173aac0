package dev.irm.runbook;

import java.util.List;
import java.util.Map;

/**
 * A judgement of one step's observation. {@code critical}, {@code warning} and {@code skip} are
 * expressions; {@code summary} is a template. The first of skip, critical, warning that holds
 * decides the status; none holding means OK. With {@code each} they are judged per row of the
 * observation (see {@link Each}) and the check's status is its worst row's.
 */
public record Check(
        String id,
        String title,
        String skip,
        String critical,
        String warning,
        String summary,
        List<String> metrics,
        String runbook,
        Map<String, Map<String, String>> i18n,
        Each each) {

    public Check {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        i18n = i18n == null ? Map.of() : i18n;
    }

    /** A check judged once over the metrics (no {@code each}). */
    public Check(String id, String title, String skip, String critical, String warning, String summary,
                 List<String> metrics, String runbook, Map<String, Map<String, String>> i18n) {
        this(id, title, skip, critical, warning, summary, metrics, runbook, i18n, null);
    }
}
