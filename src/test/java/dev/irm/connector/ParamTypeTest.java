package dev.irm.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.testing.IrmCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parameter's type is checked before its own rule: a mistyped literal is a located load error, not a surprise mid-run. */
class ParamTypeTest {
    @TempDir
    Path dir;

    @Test
    void eachTypeAcceptsWhatItsArgsAccessorReads() {
        ParamType.INTEGER.check("n", 7);
        ParamType.INTEGER.check("n", " 12 ");
        ParamType.NUMBER.check("x", "2.5");
        ParamType.BOOLEAN.check("cpu", "FALSE");
        ParamType.DURATION.check("since", "49h");
        ParamType.LIST.check("keys", List.of("a", "b"));
        ParamType.LIST.check("keys", "a,b");
        assertEquals("'2.5' is not a whole number (argument n)",
                assertThrows(IllegalArgumentException.class, () -> ParamType.INTEGER.check("n", "2.5")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParamType.INTEGER.check("n", 2.5));
        assertThrows(IllegalArgumentException.class, () -> ParamType.BOOLEAN.check("cpu", "yes"));
        assertThrows(IllegalArgumentException.class, () -> ParamType.DURATION.check("since", "soon"));
        assertThrows(IllegalArgumentException.class, () -> ParamType.LIST.check("keys", Map.of("a", 1)));
    }

    @Test
    void theTypeRunsBeforeTheParametersOwnCheck() {
        Param p = Param.optional("count", "entries").as(ParamType.INTEGER).checkedBy(v -> {
            throw new IllegalArgumentException("own check reached");
        });
        assertEquals("'ten' is not a whole number (argument count)",
                assertThrows(IllegalArgumentException.class, () -> p.rule().accept("ten")).getMessage());
        assertEquals("own check reached", assertThrows(IllegalArgumentException.class, () -> p.rule().accept("10")).getMessage());
    }

    @Test
    void aMistypedArgumentIsALocatedLoadError() throws Exception {
        Path file = dir.resolve("slow.yaml");
        Files.writeString(file, """
                id: slow
                title: Slow commands
                severity: P3
                targets: [redis]
                steps:
                  - id: slowlog
                    kind: diagnostic
                    title: Slow log
                    action: redis.slowlog
                    with: {count: ten}
                """);
        IrmCli.Result r = new IrmCli().run("validate", file.toString());
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().strip().matches(".*slow\\.yaml:\\d+:\\d+: .*count: 'ten' is not a whole number \\(argument count\\)"), r.err());
    }
}
