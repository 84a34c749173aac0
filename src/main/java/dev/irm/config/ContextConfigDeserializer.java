package dev.irm.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a context: {@code description}, {@code variables}, {@code targets}, and one section per
 * target of this build, whose names {@link ConfigStore} passes as the {@link #SECTIONS} attribute.
 * Any other key is Jackson's "unknown field" at its line and column, as for every other record.
 */
final class ContextConfigDeserializer extends StdDeserializer<ContextConfig> {
    /** Reader attribute: the target names (a {@code Collection<String>}) a context may have a section for. */
    static final String SECTIONS = "irm.context.sections";

    ContextConfigDeserializer() {
        super(ContextConfig.class);
    }

    @Override
    public ContextConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartObjectToken()) {
            return (ContextConfig) ctxt.handleUnexpectedToken(ContextConfig.class, p);
        }
        Collection<?> targets = ctxt.getAttribute(SECTIONS) instanceof Collection<?> c ? c : List.of();
        JavaType map = ctxt.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
        JavaType list = ctxt.getTypeFactory().constructCollectionType(ArrayList.class, String.class);
        String description = null;
        Map<String, Object> variables = null;
        List<String> scope = null;
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            try {
                switch (name) {
                    case "description" -> description = value == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, String.class);
                    case "variables" -> variables = value == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, map);
                    case "targets" -> scope = value == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, list);
                    default -> {
                        if (!targets.contains(name)) {
                            List<Object> known = new ArrayList<>(List.of("description", "variables", "targets"));
                            known.addAll(targets);
                            throw UnrecognizedPropertyException.from(p, ContextConfig.class, name, known);
                        }
                        sections.put(name, value == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, map));
                    }
                }
            } catch (JsonMappingException e) {
                throw e instanceof UnrecognizedPropertyException ? e : JsonMappingException.wrapWithPath(e, ContextConfig.class, name);
            }
        }
        return new ContextConfig(description, sections, variables, scope);
    }
}
