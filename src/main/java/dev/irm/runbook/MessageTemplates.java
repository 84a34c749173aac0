package dev.irm.runbook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The manuals' communication messages (declaration, help request, recovery, customer notices),
 * built in as {@code templates/messages.yaml}, one text per language. A manual step names one
 * with {@code template: NAME}; the text is a template over {@code incident.*}.
 */
public final class MessageTemplates {
    private static final Map<String, Map<String, String>> ALL = load();

    private MessageTemplates() {
    }

    public static Set<String> names() {
        return ALL.keySet();
    }

    /** The template's source text in {@code lang}, falling back to English. */
    public static String source(String name, String lang) {
        Map<String, String> byLang = ALL.get(name);
        if (byLang == null) {
            throw new IllegalArgumentException("unknown template '" + name + "' (known: " + String.join(", ", ALL.keySet()) + ")");
        }
        return byLang.getOrDefault(lang == null ? "en" : lang, byLang.get("en"));
    }

    private static Map<String, Map<String, String>> load() {
        try (InputStream in = MessageTemplates.class.getResourceAsStream("/templates/messages.yaml")) {
            if (in == null) {
                throw new IllegalStateException("templates/messages.yaml is missing from the jar");
            }
            return Map.copyOf(new YAMLMapper().readValue(in, new TypeReference<java.util.LinkedHashMap<String, Map<String, String>>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates/messages.yaml: " + e.getMessage(), e);
        }
    }
}
