package dev.irm.runbook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JxltEngine;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;

/**
 * The runbook expression language: JEXL 3 cut down to side-effect-free expressions. No loops,
 * assignments, lambdas, {@code new}, pragmas or scripts (grammar features off); method calls only
 * on strings, numbers, maps and lists (a deny-by-default sandbox); the {@code fmt:} namespace for
 * display. Conditions and thresholds are expressions; summaries and step arguments are
 * templates with {@code ${...}}.
 */
public final class Expressions {
    private static final JexlFeatures FEATURES = new JexlFeatures()
            .loops(false)
            .sideEffect(false)
            .sideEffectGlobal(false)
            .newInstance(false)
            .lambda(false)
            .localVar(false)
            .pragma(false)
            .annotation(false)
            .importPragma(false)
            .namespacePragma(false)
            .structuredLiteral(true);

    private static final JexlEngine JEXL = new JexlBuilder()
            .features(FEATURES)
            .permissions(new NoReflection(JexlPermissions.RESTRICTED.compose("dev.irm.runbook.*")))
            .sandbox(sandbox())
            .namespaces(Map.of("fmt", Format.INSTANCE))
            .strict(true)
            .safe(false)
            .silent(false)
            .cache(512)
            .create();

    private static final JxltEngine JXLT = JEXL.createJxltEngine(true);

    private Expressions() {
    }

    private static JexlSandbox sandbox() {
        JexlSandbox sandbox = new JexlSandbox(false, true);
        for (String allowed : List.of("java.lang.CharSequence", "java.lang.String", "java.lang.Number",
                "java.lang.Boolean", "java.util.Map", "java.util.List", "java.util.Collection",
                Format.class.getName())) {
            sandbox.allow(allowed);
        }
        return sandbox;
    }

    /** Parses an expression; a syntax error is an {@link IllegalArgumentException} saying what is wrong. */
    public static void checkExpression(String source) {
        try {
            JEXL.createExpression(source);
        } catch (JexlException e) {
            throw new IllegalArgumentException("bad expression '" + source + "': " + reason(e));
        }
    }

    public static void checkTemplate(String source) {
        try {
            JXLT.createExpression(source);
        } catch (JexlException e) {
            throw new IllegalArgumentException("bad template '" + source + "': " + reason(e));
        }
    }

    /** Top-level names an expression reads ({@code steps.a.b} yields {@code steps}). */
    public static Set<String> rootNames(String source) {
        Set<String> names = new LinkedHashSet<>();
        for (List<String> path : JEXL.createScript(source).getVariables()) {
            if (!path.isEmpty()) {
                names.add(path.get(0));
            }
        }
        return names;
    }

    public static Set<String> templateRootNames(String source) {
        Set<String> names = new LinkedHashSet<>();
        for (List<String> path : JXLT.createExpression(source).getVariables()) {
            if (!path.isEmpty()) {
                names.add(path.get(0));
            }
        }
        return names;
    }

    public static boolean isTemplate(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    public static Object evaluate(String source, Map<String, Object> scope) {
        try {
            JexlExpression expression = JEXL.createExpression(source);
            return expression.evaluate(context(scope));
        } catch (JexlException e) {
            throw new IllegalStateException(reason(e), e);
        }
    }

    public static boolean test(String source, Map<String, Object> scope) {
        Object value = evaluate(source, scope);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException("'" + source + "' gave " + value + ", not true or false");
    }

    public static String render(String template, Map<String, Object> scope) {
        if (template == null) {
            return null;
        }
        if (!isTemplate(template)) {
            return template;
        }
        try {
            Object value = JXLT.createExpression(template).evaluate(context(scope));
            return value == null ? "" : value.toString();
        } catch (JexlException e) {
            throw new IllegalStateException(reason(e), e);
        }
    }

    private static JexlContext context(Map<String, Object> scope) {
        return new MapContext(scope);
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() instanceof JexlException nested && nested != t) {
            t = nested;
        }
        if (t instanceof JexlException.Variable v) {
            return "undefined variable '" + v.getVariable() + "'";
        }
        if (t instanceof JexlException.Property p) {
            return "undefined property '" + p.getProperty() + "'";
        }
        if (t instanceof JexlException.Method m) {
            return "unknown or forbidden function '" + m.getMethod() + "'";
        }
        if (t instanceof JexlException.Parsing || t instanceof JexlException.Tokenization || t instanceof JexlException.Ambiguous) {
            return "syntax error" + detail(t.getMessage());
        }
        if (t instanceof JexlException.Feature) {
            return "not allowed in runbook expressions" + detail(t.getMessage());
        }
        return detail(t.getMessage()).replaceFirst("^: ", "");
    }

    private static String detail(String message) {
        if (message == null) {
            return "";
        }
        String m = message.replace('\n', ' ');
        int bang = m.indexOf("]: ");
        if (bang >= 0) {
            m = m.substring(bang + 3);
        }
        m = m.replaceAll("[\\w.$]+@\\d+:\\d+ ?", "");
        return ": " + (m.length() > 160 ? m.substring(0, 160) + "…" : m);
    }
}
