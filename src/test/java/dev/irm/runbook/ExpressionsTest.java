package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expression language judges values and cannot reach anything else. */
@SuppressWarnings("unchecked")
class ExpressionsTest {
    private static Map<String, Object> scope() {
        return new HashMap<>(Map.of("used_pct", 91.5, "policy", "noeviction", "n", 1200L));
    }

    @Test
    void thresholdsAndTemplates() {
        assertTrue(Expressions.test("used_pct >= 85 && policy == 'noeviction'", scope()));
        assertEquals("1,200 keys at 91.5%", Expressions.render("${fmt:num(n)} keys at ${used_pct}%", scope()));
        assertEquals("1.00 MiB", Expressions.render("${fmt:bytes(1048576)}", scope()));
    }

    @Test
    void reflectionAndJavaClassesAreUnreachable() {
        assertThrows(IllegalStateException.class, () -> Expressions.evaluate("policy.getClass()", scope()));
        assertThrows(IllegalStateException.class, () -> Expressions.evaluate("policy.getClass().forName('java.lang.Runtime')", scope()));
        assertThrows(IllegalArgumentException.class, () -> Expressions.checkExpression("new('java.io.File', '/tmp/x')"));
        assertThrows(IllegalArgumentException.class, () -> Expressions.checkExpression("while (true) {}"));
        assertThrows(IllegalArgumentException.class, () -> Expressions.checkExpression("x = 1"));
    }

    @Test
    void expressionsCannotChangeWhatLaterStepsRead() {
        Map<String, Object> steps = new HashMap<>(Map.of("probe", new HashMap<>(Map.of("status", "CRITICAL"))));
        Map<String, Object> incident = new HashMap<>(Map.of("symptom", "OOM"));
        Map<String, Object> scope = scope();
        scope.put("steps", steps);
        scope.put("incident", incident);
        for (String mutator : new String[] {"steps.put('probe', 1)", "steps.clear()", "incident.clear()",
                "steps.probe.put('status', 'OK')", "steps.remove('probe')", "steps.probe.keySet().clear()",
                "incident.putAll(steps)", "steps.values().removeIf(x -> true)"}) {
            assertThrows(RuntimeException.class, () -> Expressions.evaluate(mutator, scope), mutator);
        }
        assertEquals(Map.of("probe", Map.of("status", "CRITICAL")), steps);
        assertEquals(Map.of("symptom", "OOM"), incident);
        assertTrue(Expressions.test("steps.probe.status == 'CRITICAL' && steps.containsKey('probe') && incident.size() == 1", scope));
    }

    @Test
    void aRunScopeIsReadOnlyEvenWithoutTheSandbox() {
        dev.irm.engine.Scope run = new dev.irm.engine.Scope(Map.of("n", 1L), Map.of("symptom", "OOM"));
        Map<String, Object> view = run.forStep();
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) view.get("steps")).clear());
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) view.get("incident")).put("symptom", "x"));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) view.get("answers")).put("a", true));
        assertEquals("OOM", ((Map<?, ?>) run.forStep().get("incident")).get("symptom"));
    }

    @Test
    void numbersAndStringsCannotBeBlownUp() {
        for (String huge : new String[] {"(3h).pow(100000000)", "(3h).shiftLeft(2000000000)", "1h << 2000000000",
                "'a'.repeat(2000000000)", "'aa'.replace('a', 'aaaaaaaa').replace('a', 'aaaaaaaa')", "(2b).pow(999999999)"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Expressions.evaluate(huge, scope()), huge);
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
        assertEquals(6L, ((Number) Expressions.evaluate("3h << 1", scope())).longValue());
    }

    @Test
    void aBacktrackingRegexIsStoppedAtTheEvaluationBound() {
        Map<String, Object> scope = scope();
        scope.put("s", "a".repeat(40) + "!");
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(IllegalStateException.class, () -> Expressions.test("s =~ '(.*a){20}b'", scope)));
        assertTrue(e.getMessage().contains("no answer within 2 s"), e.getMessage());
        assertTrue(Expressions.test("s =~ 'a+!'", scope), "an ordinary regex still matches");
    }

    @Test
    void deepOrLongExpressionsAreOneLineNotAStackOverflow() {
        String deep = "(".repeat(1000) + "true" + ")".repeat(1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expressions.checkExpression(deep));
        assertTrue(e.getMessage().contains("nests 1000 levels deep, more than the 32 allowed"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Expressions.checkExpression("!".repeat(3000) + "true"));
        assertThrows(IllegalArgumentException.class, () -> Expressions.checkExpression("1 + ".repeat(2000) + "1"));
        assertThrows(IllegalStateException.class, () -> Expressions.evaluate(deep, scope()));
        assertThrows(IllegalArgumentException.class, () -> Expressions.checkTemplate("${" + deep + "}"));
        assertTrue(Expressions.test("(".repeat(20) + "true" + ")".repeat(20), scope()));
    }

    @Test
    void templateErrorsNameNoLibraryInternals() {
        for (String bad : new String[] {"${", "${a b}", "#{x", "${fmt:nope(1)}", "${'x'.getClass()}"}) {
            try {
                Expressions.checkTemplate(bad);
                Expressions.render(bad, scope());
            } catch (IllegalArgumentException | IllegalStateException e) {
                assertFalse(e.getMessage().contains("JxltEngine") || e.getMessage().contains("createExpression")
                        || e.getMessage().contains("org.apache"), e.getMessage());
            }
        }
    }

    @Test
    void anUndefinedNameIsAnErrorNotFalse() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Expressions.test("missing > 1", scope()));
        assertTrue(e.getMessage().contains("undefined variable 'missing'"), e.getMessage());
    }
}
