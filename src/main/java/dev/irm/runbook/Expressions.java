package dev.irm.runbook;

import dev.irm.support.BoundedInput;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * assignments, lambdas, {@code new}, pragmas or scripts (grammar features off); only the read-only
 * methods of strings, numbers, maps and lists (a deny-by-default sandbox listing each method: no
 * {@code put}, {@code clear}, {@code pow}, {@code repeat}); the {@code fmt:} namespace for display.
 * Sizes are bounded before parsing ({@link RunbookLimits}) and each evaluation runs on its own
 * thread under {@link #EVALUATION_LIMIT}: late, it is interrupted (JEXL is cancellable) and
 * abandoned. Conditions and thresholds are expressions; summaries and step arguments are
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

    /** Per class, the methods an expression may call: all of them only read. */
    private static final Map<String, List<String>> METHODS = Map.of(
            "java.lang.String", List.of("length", "isEmpty", "isBlank", "startsWith", "endsWith", "contains", "indexOf",
                    "lastIndexOf", "substring", "toLowerCase", "toUpperCase", "trim", "strip", "charAt", "equals",
                    "equalsIgnoreCase", "compareTo", "toString"),
            "java.lang.CharSequence", List.of("length", "isEmpty", "charAt", "toString"),
            "java.lang.Number", List.of("intValue", "longValue", "doubleValue", "compareTo", "equals", "toString"),
            "java.lang.Boolean", List.of("booleanValue", "equals", "toString"),
            "java.util.Map", List.of("get", "getOrDefault", "containsKey", "containsValue", "size", "isEmpty", "keySet",
                    "values", "equals", "toString"),
            "java.util.List", List.of("get", "size", "isEmpty", "contains", "indexOf", "equals", "toString"),
            "java.util.Collection", List.of("size", "isEmpty", "contains", "equals", "toString"));

    /** Far beyond any honest expression (microseconds); a hang detector, not a budget. */
    public static final Duration EVALUATION_LIMIT = Duration.ofSeconds(2);

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EVALUATOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "irm-expression-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private static final JexlEngine JEXL = new JexlBuilder()
            .features(FEATURES)
            .arithmetic(new BoundedArithmetic())
            .cancellable(true)
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
        // read: every property; write: none; execute: only the listed methods
        METHODS.forEach((type, methods) -> sandbox.permissions(type, true, false, true).execute(methods.toArray(String[]::new)));
        sandbox.allow(Format.class.getName());
        return sandbox;
    }

    /** Parses an expression; a syntax error is an {@link IllegalArgumentException} saying what is wrong. */
    public static void checkExpression(String source) {
        parse(source);
    }

    public static void checkTemplate(String source) {
        parseTemplate(source);
    }

    private static JexlExpression parse(String source) {
        try {
            RunbookLimits.checkExpressionSize(source, false);
            return JEXL.createExpression(source);
        } catch (JexlException e) {
            throw new IllegalArgumentException("bad expression '" + BoundedInput.echo(source) + "': " + reason(e));
        } catch (IllegalArgumentException | StackOverflowError e) {
            throw new IllegalArgumentException("bad expression '" + BoundedInput.echo(source) + "': " + tooBig(e));
        }
    }

    private static JxltEngine.Expression parseTemplate(String source) {
        try {
            RunbookLimits.checkExpressionSize(source, true);
            return JXLT.createExpression(source);
        } catch (JexlException e) {
            throw new IllegalArgumentException("bad template '" + BoundedInput.echo(source) + "': " + reason(e));
        } catch (IllegalArgumentException | StackOverflowError e) {
            throw new IllegalArgumentException("bad template '" + BoundedInput.echo(source) + "': " + tooBig(e));
        }
    }

    private static String tooBig(Throwable e) {
        return e instanceof StackOverflowError ? "nested too deeply" : e.getMessage();
    }

    /** Top-level names an expression reads ({@code steps.a.b} yields {@code steps}). */
    public static Set<String> rootNames(String source) {
        Set<String> names = new LinkedHashSet<>();
        for (List<String> path : ((org.apache.commons.jexl3.JexlScript) parse(source)).getVariables()) {
            if (!path.isEmpty()) {
                names.add(path.get(0));
            }
        }
        return names;
    }

    public static Set<String> templateRootNames(String source) {
        Set<String> names = new LinkedHashSet<>();
        for (List<String> path : parseTemplate(source).getVariables()) {
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
        JexlExpression expression = parseForRun(source, false);
        return bounded(source, () -> expression.evaluate(context(scope)));
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
        JxltEngine.Expression expression = parseForRun(template, true);
        Object value = bounded(template, () -> expression.evaluate(context(scope)));
        return value == null ? "" : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T parseForRun(String source, boolean template) {
        try {
            return (T) (template ? parseTemplate(source) : parse(source));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Evaluates on an expression thread; an answer later than {@link #EVALUATION_LIMIT} is given up. */
    private static Object bounded(String source, Callable<Object> evaluation) {
        Future<Object> future = EVALUATOR.submit(evaluation);
        try {
            return future.get(EVALUATION_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("'" + BoundedInput.echo(source) + "' gave no answer within "
                    + EVALUATION_LIMIT.toSeconds() + " s and was stopped");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("'" + BoundedInput.echo(source) + "' was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JexlException j) {
                throw new IllegalStateException(reason(j), j);
            }
            if (cause instanceof StackOverflowError || cause instanceof OutOfMemoryError || cause instanceof ArithmeticException) {
                throw new IllegalStateException("'" + BoundedInput.echo(source) + "' could not be evaluated: "
                        + (cause instanceof StackOverflowError ? "nested too deeply" : cause instanceof OutOfMemoryError
                                ? "its value is too large" : cause.getMessage()));
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause.toString(), cause);
        }
    }

    private static JexlContext context(Map<String, Object> scope) {
        return new MapContext(scope);
    }

    private static String reason(Exception e) {
        if (e instanceof JxltEngine.Exception && !(e.getCause() instanceof JexlException)) {
            return "syntax error" + detail(e.getMessage());
        }
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
        m = m.strip().replaceFirst("^(?:[\\w$]+\\.)+[\\w$]+(?:@\\d+(?::\\d+)*)?:?\\s*", "").replaceAll("[\\w.$]+@\\d+:\\d+ ?", "").replaceAll("(?:org\\.apache\\.\\S+|[\\w.]*[Ee]xception)\\s*(?:error)?\\s*:\\s*", "").replaceAll("\\b(JxltEngine|JexlEngine|TemplateEngine)\\.\\w+:? ?", "");
        return ": " + BoundedInput.echo(m.strip());
    }
}
