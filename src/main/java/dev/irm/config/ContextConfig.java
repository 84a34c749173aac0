package dev.irm.config;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One environment's connections and runbook variable overrides. Each target's settings are a
 * section named after it ({@code redis: {url: ...}}); the sections a config may have are the targets
 * of this build ({@link ContextConfigDeserializer}). Secrets are referenced, not stored:
 * {@code passwordEnv: NAME} or {@code passwordFile: PATH} (a literal {@code password} works but is
 * discouraged). {@code targets}, when set, is what {@code diagnose all} means.
 */
@JsonDeserialize(using = ContextConfigDeserializer.class)
public record ContextConfig(
        String description,
        Map<String, Map<String, Object>> sections,
        Map<String, Object> variables,
        List<String> targets) {

    public ContextConfig {
        sections = sections == null ? new LinkedHashMap<>() : new LinkedHashMap<>(sections);
        sections.replaceAll((name, section) -> orEmpty(section));
        variables = orEmpty(variables);
        targets = targets == null ? null : List.copyOf(targets);
    }

    /**
     * Whether the context names a target: it has settings for it. Listing a target in {@code targets} only
     * scopes {@code all}; a listed target whose local default is missing is still "not configured".
     */
    public boolean names(String target) {
        return !target(target).isEmpty();
    }

    private static Map<String, Object> orEmpty(Map<String, Object> m) {
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }

    /** The target's section, empty when the context has none. */
    public Map<String, Object> target(String name) {
        return sections.getOrDefault(name, Map.of());
    }

    /** As written to the config file: the sections beside description, variables and targets. */
    @JsonValue
    Map<String, Object> asWritten() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (description != null) {
            out.put("description", description);
        }
        out.putAll(sections);
        if (!variables.isEmpty()) {
            out.put("variables", variables);
        }
        if (targets != null) {
            out.put("targets", targets);
        }
        return out;
    }
}
