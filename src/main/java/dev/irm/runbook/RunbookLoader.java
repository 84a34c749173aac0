package dev.irm.runbook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses runbook YAML strictly: unknown fields, wrong types and unknown enum values are errors
 * at {@code file:line:col}. Remembers where each runbook, step, check and variable was written so
 * the validator can point at it.
 */
public final class RunbookLoader {
    private static final Set<Class<?>> LOCATED = Set.of(Runbook.class, Step.class, Check.class, Variable.class);
    private static final String LOCATIONS = "irm.locations";

    private final ObjectMapper mapper;

    public RunbookLoader() {
        SimpleModule locating = new SimpleModule("irm-locations");
        locating.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                                                          JsonDeserializer<?> deserializer) {
                return LOCATED.contains(bean.getBeanClass()) ? new Locating(deserializer) : deserializer;
            }
        });
        mapper = YAMLMapper.builder(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .loaderOptions(RunbookLimits.loaderOptions())
                        .streamReadConstraints(RunbookLimits.streamConstraints())
                        .build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .addModule(locating)
                .build();
    }

    public LoadedRunbook parse(String file, String yaml, boolean builtIn) {
        RunbookLimits.check(file, yaml).ifPresent(tooLarge -> {
            throw new InvalidRunbookException(List.of(tooLarge));
        });
        IdentityHashMap<Object, SourceLocation> locations = new IdentityHashMap<>();
        try {
            Runbook runbook = mapper.readerFor(Runbook.class)
                    .withAttribute(LOCATIONS, new Sink(file, locations))
                    .readValue(yaml);
            if (runbook == null) {
                throw new InvalidRunbookException(List.of(new RunbookProblem(SourceLocation.of(file), "the file is empty")));
            }
            return new LoadedRunbook(runbook, file, builtIn, locations);
        } catch (JsonProcessingException e) {
            SourceLocation at = where(file, e.getLocation());
            if (e instanceof UnrecognizedPropertyException u) {
                at = fieldLine(file, yaml, u.getPropertyName(), at);
            }
            throw new InvalidRunbookException(List.of(new RunbookProblem(at, describe(e))));
        }
    }

    /** Jackson reports an unknown field after its value; point at the field itself. */
    private static SourceLocation fieldLine(String file, String yaml, String field, SourceLocation reported) {
        String[] lines = yaml.split("\n", -1);
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("^(\\s*(?:-\\s+)?)" + java.util.regex.Pattern.quote(field) + "\\s*:");
        for (int i = Math.min(reported.line(), lines.length) - 1; i >= 0; i--) {
            java.util.regex.Matcher m = key.matcher(lines[i]);
            if (m.find()) {
                return new SourceLocation(file, i + 1, m.group(1).length() + 1);
            }
        }
        return reported;
    }

    private static SourceLocation where(String file, JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return SourceLocation.of(file);
        }
        return new SourceLocation(file, at.getLineNr(), Math.max(1, at.getColumnNr()));
    }

    static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        String prefix = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (expected one of: " + known + ")");
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> type = f.getTargetType();
            String expected = type != null && type.isEnum()
                    ? " (expected one of: " + Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .collect(Collectors.joining(", ")) + ")"
                    : "";
            return prefix + "'" + f.getValue() + "' is not valid" + expected;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return prefix + "expected " + kindOf(m.getTargetType());
        }
        return prefix + plain(e.getOriginalMessage());
    }

    /** Jackson's first line without its creator/setter vocabulary (shared with the config reader). */
    public static String plain(String message) {
        String first = message == null ? "invalid" : message.lines().findFirst().orElse(message);
        if (first.contains("fallback setter") || first.contains("creator property")) {
            return "a field given twice or where it does not belong";
        }
        if (first.startsWith("Expected a field name")) {
            return "a key must be plain text, not a mapping or a list";
        }
        if (limitExceeded(first)) {
            return "too large or too deeply nested (see docs/SECURITY.md)";
        }
        return first.replaceAll(" \\(for .*\\)$", "").replaceAll("`[\\w.$]+`", "a value")
                .replaceAll("<?org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\([^)]*\\)>?", "$1");
    }

    private static boolean limitExceeded(String message) {
        return message.contains("exceeds the maximum") || message.contains("StreamReadConstraints");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kindOf(Class<?> type) {
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping (key: value)";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private record Sink(String file, IdentityHashMap<Object, SourceLocation> locations) {
    }

    private static final class Locating extends DelegatingDeserializer {
        Locating(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Locating(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            Object value = super.deserialize(p, ctxt);
            if (value != null && ctxt.getAttribute(LOCATIONS) instanceof Sink sink) {
                sink.locations().put(value, where(sink.file(), at));
            }
            return value;
        }
    }
}
