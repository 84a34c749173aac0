package dev.irm.runbook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ranks runbooks for an error message or a described symptom. A {@code /regex/} symptom that
 * finds a match scores 1; a plain symptom scores by word overlap (a word matches another that
 * shares its first five letters, so "evictions" meets "evicted"), 0.95 when one text contains
 * the other. The title (translations too), id and tags count too, so "redis memory full" finds redis-oom too.
 */
public final class Triage {
    /** Below this nothing is called a match. */
    public static final double THRESHOLD = 0.34;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Set<String> STOP = Set.of("the", "a", "an", "is", "are", "to", "of", "in", "on", "and", "or",
            "not", "when", "with", "for", "by", "be", "all", "at", "from", "it", "its", "than");

    private Triage() {
    }

    /** One ranked runbook: its score (0..1+) and what matched. */
    public record Match(LoadedRunbook runbook, double score, String matched) {
        public String id() {
            return runbook.id();
        }
    }

    public static List<Match> rank(String text, Collection<LoadedRunbook> runbooks) {
        List<Match> matches = new ArrayList<>();
        for (LoadedRunbook loaded : runbooks) {
            Match best = score(text, loaded);
            if (best.score() >= THRESHOLD) {
                matches.add(best);
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed()
                .thenComparing(m -> m.runbook().runbook().severity())
                .thenComparing(Match::id));
        return matches;
    }

    static Match score(String text, LoadedRunbook loaded) {
        Runbook r = loaded.runbook();
        double best = 0;
        String matched = null;
        for (String symptom : r.symptoms()) {
            double s = symptom(text, symptom);
            if (s > best) {
                best = s;
                matched = symptom;
            }
        }
        List<String> about = new ArrayList<>(List.of(r.title(), r.id().replace('-', ' ')));
        about.addAll(r.tags());
        r.i18n().values().forEach(t -> about.add(t.getOrDefault("title", "")));
        Set<String> aboutWords = new LinkedHashSet<>();
        about.forEach(a -> aboutWords.addAll(words(a)));
        double aboutScore = recall(words(text), aboutWords);
        if (aboutScore > best && matched == null) {
            matched = "title: " + r.title();
        }
        return new Match(loaded, Math.min(1.0, best) + 0.6 * aboutScore, matched);
    }

    static double symptom(String text, String symptom) {
        if (symptom.length() > 2 && symptom.startsWith("/") && symptom.endsWith("/")) {
            try {
                return Pattern.compile(symptom.substring(1, symptom.length() - 1)).matcher(text).find() ? 1.0 : 0;
            } catch (PatternSyntaxException e) {
                return 0;
            }
        }
        String t = normal(text);
        String s = normal(symptom);
        if (s.isEmpty() || t.isEmpty()) {
            return 0;
        }
        if (t.contains(s) || (t.length() >= 6 && s.contains(t))) {
            return 0.95;
        }
        return 0.9 * overlap(words(text), words(symptom));
    }

    /** Words in common over the geometric mean of both sizes (a cosine of word sets). */
    static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long hits = a.stream().filter(w -> b.stream().anyMatch(v -> same(w, v))).count();
        return Math.min(1.0, hits / Math.sqrt((double) a.size() * b.size()));
    }

    /** Share of the query's words that the runbook's title, id and tags hold. */
    static double recall(Set<String> query, Set<String> about) {
        if (query.isEmpty()) {
            return 0;
        }
        return (double) query.stream().filter(w -> about.stream().anyMatch(v -> same(w, v))).count() / query.size();
    }

    private static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.chars().anyMatch(c -> c > 0x2E80) || b.chars().anyMatch(c -> c > 0x2E80)) {
            // Korean words carry particles (메모리가, 메모리를): the shorter word starts the longer
            String shorter = a.length() <= b.length() ? a : b;
            return shorter.length() >= 2 && (a.startsWith(shorter) && b.startsWith(shorter));
        }
        int prefix = Math.min(5, Math.min(a.length(), b.length()));
        return prefix >= 4 && a.regionMatches(0, b, 0, prefix) && (prefix == 5 || a.length() == 4 || b.length() == 4);
    }

    static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        var m = WORD.matcher(normal(text));
        while (m.find()) {
            String w = m.group();
            if (w.length() >= 2 && !STOP.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    private static String normal(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]+", " ").strip();
    }
}
