package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expression language judges values and cannot reach anything else. */
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
    void anUndefinedNameIsAnErrorNotFalse() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Expressions.test("missing > 1", scope()));
        assertTrue(e.getMessage().contains("undefined variable 'missing'"), e.getMessage());
    }
}
