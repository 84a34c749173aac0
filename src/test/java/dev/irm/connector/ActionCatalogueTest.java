package dev.irm.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The actions runbooks may name (target.name, effect, risk, description, parameters) are the ones of
 * irm 0.3.0, recorded in {@code connector/action-catalogue.txt} before actions were declared with their
 * handlers: moving an action (e.g. the payment fix to an application package) must not rename or change it.
 * Sorted by name, so where an action is declared does not matter.
 */
class ActionCatalogueTest {

    @org.junit.jupiter.api.Test
    void theCatalogueIsTheOneOfVersion030() throws IOException {
        assertEquals(expected(), String.join("\n", lines(ConnectorRegistry.discover())));
    }

    static List<String> lines(ConnectorRegistry registry) {
        List<String> out = new ArrayList<>();
        registry.actions().stream().sorted(java.util.Comparator.comparing(ActionSpec::qualifiedName)).forEach(a -> {
            out.add(a.qualifiedName() + " " + a.effect() + (a.risk() == null ? "" : " " + a.risk()) + ": " + a.description());
            a.params().values().forEach(p -> out.add("    " + p.name() + (p.required() ? " required" : " optional")
                    + (p.type() == ParamType.TEXT ? "" : " " + p.type().name().toLowerCase(java.util.Locale.ROOT)) + (p.literal() ? " literal" : "") + ": " + p.description() + "\n        accepts " + accepts(p)));
        });
        return out;
    }

    /** Which of a fixed set of values the parameter's check lets through (+) or refuses (-), so a changed check shows. */
    private static String accepts(Param p) {
        StringBuilder out = new StringBuilder();
        for (Object probe : PROBES) {
            try {
                p.rule().accept(probe);
                out.append('+');
            } catch (RuntimeException e) {
                out.append('-');
            }
        }
        return out.toString();
    }

    /** Text, names, numbers, durations, lists, a selector, a path, SQL and hostile text. */
    private static final List<Object> PROBES = List.of("", "x", "app", "abc-1_2", "5", "0", "-3", "2.5", 7, true, "30m", "2h", "1,2",
            List.of("a", "b"), List.of(), List.of(1, 2), "a b", "`t`", "app=hhplus-app", "/var/log/app.log", "SELECT 1", "DROP TABLE x",
            "maxmemory-policy", "latest", "4Gi", "/actuator/health", "x;rm -rf /", "*app*", "user:*");

    private static String expected() throws IOException {
        try (InputStream in = Objects.requireNonNull(ActionCatalogueTest.class.getResourceAsStream("/connector/action-catalogue.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
