package dev.irm.cli;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.support.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ${XDG_CACHE_HOME:-~/.cache}/irm/completion}: the values the completion script offers
 * (runbook ids, targets, context names), so a TAB starts no JVM. Lines are {@code KIND<TAB>VALUE};
 * {@code KIND-from<TAB>FILE} names what the values come from (irm's jar, the config file): the
 * script asks {@code irm __complete} instead when that file is newer than the cache or, for
 * contexts, not the config it would use. Rewritten (atomically) by the commands that load the
 * catalog or the config, only when something changed; never fails a command.
 */
final class CompletionCache {
    static final String RUNBOOKS = "runbooks";
    static final String TARGETS = "targets";
    static final String CONTEXTS = "contexts";

    /** One kind's values and the file they were read from. */
    record Entry(Path source, List<String> values) {
    }

    private CompletionCache() {
    }

    static Path file(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "irm", "completion");
        }
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache", "irm", "completion");
    }

    /** What TARGET completes to: the registry's targets and {@code all}. */
    static List<String> targets(ConnectorRegistry registry) {
        return java.util.stream.Stream.concat(registry.targets().stream(), java.util.stream.Stream.of("all")).toList();
    }

    /** irm's own code (jar or classes folder): built-in runbook ids and targets change only with it. */
    static Path code() {
        try {
            return Path.of(CompletionCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }

    /** Replaces the given kinds; keeps the others while their source is not newer than the cache. */
    static void update(Map<String, String> env, Map<String, Entry> fresh) {
        try {
            Path file = file(env);
            Map<String, Entry> kinds = new LinkedHashMap<>();
            String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            FileTime written = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            parse(before).forEach((kind, entry) -> {
                if (!fresh.containsKey(kind) && !newer(entry.source(), written)) {
                    kinds.put(kind, entry);
                }
            });
            kinds.putAll(fresh);
            String after = render(kinds);
            boolean stale = written == null || fresh.values().stream().anyMatch(e -> newer(e.source(), written));
            if (after.equals(before) && !stale) {
                return;
            }
            AtomicFile.write(file, after, true);
        } catch (IOException | RuntimeException e) {
            // a cache: completion falls back to irm __complete
        }
    }

    private static boolean newer(Path source, FileTime than) {
        try {
            return than == null || source != null && Files.exists(source) && Files.getLastModifiedTime(source).compareTo(than) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    static Map<String, Entry> parse(String text) {
        Map<String, Path> sources = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (line.startsWith("#") || tab < 0) {
                continue;
            }
            String kind = line.substring(0, tab);
            String value = line.substring(tab + 1);
            if (kind.endsWith("-from")) {
                sources.put(kind.substring(0, kind.length() - "-from".length()), Path.of(value));
            } else {
                values.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(value);
            }
        }
        Map<String, Entry> kinds = new LinkedHashMap<>();
        sources.forEach((kind, source) -> kinds.put(kind, new Entry(source, List.copyOf(values.getOrDefault(kind, List.of())))));
        return kinds;
    }

    private static String render(Map<String, Entry> kinds) {
        StringBuilder out = new StringBuilder("# irm's completion values (rewritten by irm; safe to delete)\n");
        kinds.forEach((kind, entry) -> {
            out.append(kind).append("-from\t").append(entry.source() == null ? "" : entry.source()).append('\n');
            entry.values().stream().filter(v -> !v.isEmpty() && v.chars().noneMatch(c -> c == '\t' || c == '\n' || c == '\r'))
                    .forEach(v -> out.append(kind).append('\t').append(v).append('\n'));
        });
        return out.toString();
    }
}
