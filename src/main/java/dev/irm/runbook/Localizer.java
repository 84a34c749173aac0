package dev.irm.runbook;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runbook text in the team's language: titles, summaries, step texts and questions from
 * {@code i18n.LANG}, the English original where a translation is missing. Expressions,
 * check summaries (templates over metrics) and ids never change.
 */
public final class Localizer {
    private Localizer() {
    }

    /** {@code --lang}, else the locale of {@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}: {@code ko} or {@code en}. */
    public static String language(String option, Map<String, String> env) {
        String value = option;
        for (String name : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            if (value == null || value.isBlank()) {
                value = env.get(name);
            }
        }
        if (value == null || value.isBlank()) {
            return "en";
        }
        return value.toLowerCase(Locale.ROOT).startsWith("ko") ? "ko" : "en";
    }

    public static LoadedRunbook localize(LoadedRunbook loaded, String lang) {
        if (lang == null || lang.equals("en")) {
            return loaded;
        }
        Runbook r = loaded.runbook();
        Map<String, String> t = r.i18n().getOrDefault(lang, Map.of());
        List<Step> steps = r.steps().stream().map(s -> step(s, lang)).toList();
        Runbook localized = new Runbook(r.id(), t.getOrDefault("title", r.title()), r.severity(), t.getOrDefault("summary", r.summary()),
                r.tags(), r.symptoms(), r.targets(), r.variables(), steps, r.i18n());
        return new LoadedRunbook(localized, loaded.file(), loaded.builtIn(), new IdentityHashMap<>());
    }

    private static Step step(Step s, String lang) {
        Map<String, String> t = s.i18n().getOrDefault(lang, Map.of());
        List<Check> checks = s.checks().stream().map(c -> {
            Map<String, String> ct = c.i18n().getOrDefault(lang, Map.of());
            return new Check(c.id(), ct.getOrDefault("title", c.title()), c.skip(), c.critical(), c.warning(),
                    c.summary(), c.metrics(), c.runbook(), c.i18n(), c.each());
        }).toList();
        return new Step(s.id(), s.kind(), t.getOrDefault("title", s.title()), t.getOrDefault("description", s.description()),
                s.action(), s.with(), s.when(), checks, s.capture(), s.timeout(), s.diagnose(), s.risk(), s.confirmText(),
                s.blastRadius(), t.getOrDefault("text", s.text()), t.getOrDefault("ask", s.ask()), s.template(), s.i18n());
    }
}
