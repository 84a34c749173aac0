package dev.irm.serve;

import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookCatalog;
import dev.irm.runbook.Triage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which runbook answers an alert, first rule that names a known runbook wins: label or annotation
 * {@code runbook} / {@code runbook_id}; a {@code runbook_url} ending in an id; the alert name as a
 * runbook id (RedisOom, redis_oom and redis-oom are the same) or as an alias from the config;
 * else triage on the summary and description. Names that are no runbook are noted, never run.
 */
final class RunbookRouter {
    private final RunbookCatalog catalog;
    private final Map<String, String> aliases;

    RunbookRouter(RunbookCatalog catalog, Map<String, String> aliases) {
        this.catalog = catalog;
        this.aliases = aliases;
    }

    /** The chosen runbook (null when none), how it was found, and names that led nowhere. */
    record Route(LoadedRunbook runbook, String matchedBy, List<String> notes) {
    }

    Route route(Alert alert) {
        List<String> notes = new ArrayList<>();
        for (String key : List.of("runbook", "runbook_id")) {
            String named = alert.labelOrAnnotation(key);
            if (named != null) {
                LoadedRunbook found = byId(named);
                if (found != null) {
                    return new Route(found, key, notes);
                }
                notes.add(key + " '" + WebhookPayload.truncate(named) + "' is no runbook");
            }
        }
        String url = alert.labelOrAnnotation("runbook_url");
        if (url != null) {
            LoadedRunbook found = byId(lastSegment(url));
            if (found != null) {
                return new Route(found, "runbook_url", notes);
            }
            notes.add("runbook_url does not end in a runbook id");
        }
        String name = alert.name();
        if (!name.isEmpty()) {
            LoadedRunbook found = byId(name);
            if (found != null) {
                return new Route(found, "alertname", notes);
            }
            for (Map.Entry<String, String> alias : aliases.entrySet()) {
                if (normal(alias.getKey()).equals(normal(name)) && byId(alias.getValue()) != null) {
                    return new Route(byId(alias.getValue()), "alias " + alias.getKey(), notes);
                }
            }
        }
        String text = String.join(" ", nonNull(alert.annotations().get("summary")), nonNull(alert.annotations().get("description")),
                name).strip();
        if (!text.isEmpty()) {
            List<Triage.Match> matches = Triage.rank(text, catalog.all());
            if (!matches.isEmpty()) {
                return new Route(matches.get(0).runbook(), "triage", notes);
            }
        }
        notes.add("no runbook matches alertname, summary or description");
        return new Route(null, "none", notes);
    }

    private LoadedRunbook byId(String name) {
        String wanted = normal(name);
        if (wanted.isEmpty()) {
            return null;
        }
        return catalog.all().stream().filter(r -> normal(r.id()).equals(wanted)).findFirst().orElse(null);
    }

    /** RedisOOM, redis_oom, Redis-OOM → redisoom. */
    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static String lastSegment(String url) {
        String path = url.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.replaceAll("\\.(md|html?|ya?ml)$", "");
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
