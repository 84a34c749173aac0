package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.testing.IrmCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken runbooks are refused at load with file:line:col and exit 65, before anything runs. */
class RunbookValidationTest {
    private static final String HEADER = """
            id: broken
            title: Broken
            severity: P2
            targets: [redis]
            steps:
            """;

    @TempDir
    Path dir;

    private IrmCli.Result validate(String body) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, HEADER + body);
        return new IrmCli().run("validate", file.toString());
    }

    private static void assertProblem(IrmCli.Result r, String location, String fragment) {
        assertEquals(65, r.code(), r.toString());
        String line = r.err().lines().filter(l -> l.contains(location) && l.contains(fragment)).findFirst().orElse("");
        assertTrue(!line.isEmpty(), "expected '" + location + "...: ..." + fragment + "' in:\n" + r.err());
        assertTrue(line.matches(".*broken\\.yaml:\\d+:\\d+: .*"), line);
    }

    @Test
    void builtInRunbooksAreValid() {
        IrmCli.Result r = new IrmCli().run("validate");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("ok: "), r.out());
    }

    @Test
    void builtInRunbooksHaveNoTextCutAtAComment() {
        IrmCli.Result r = new IrmCli().run("validate");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err(), "no built-in text is cut by a YAML comment");
        IrmCli.Result shown = new IrmCli().run("show", "redis-oom");
        assertTrue(shown.out().contains("Post the message below in #incident-critical and report to the team lead"), shown.out());
    }

    @Test
    void plainTextFollowedByACommentIsAWarningWithItsPlace() throws IOException {
        Path file = dir.resolve("cut.yaml");
        Files.writeString(file, HEADER + """
                  - id: tell
                    kind: manual
                    title: Tell the on-call channel
                    text: Page the owner in #ops-payments before any restart
                  - id: quoted
                    kind: manual
                    title: "Quoted #hash stays"
                    text: "Write in #ops-payments"   # a real comment after quoted text is fine
                  - id: block
                    kind: manual
                    title: Block text   # a comment after plain text in a title
                    text: |
                      Multi-line text keeps #hashes
                """);
        IrmCli.Result r = new IrmCli().run("validate", file.toString());
        assertEquals(0, r.code(), "a warning does not change the exit code: " + r);
        assertTrue(r.out().startsWith("ok: 1 runbook valid"), r.out());
        java.util.List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(file + ":9:29: warning: text ends at 'Page the owner in'"), lines.get(0));
        assertTrue(lines.get(0).contains("#ops-payments before any restart"), lines.get(0));
        assertTrue(lines.get(1).startsWith(file + ":16:25: warning: title ends at 'Block text'"), lines.get(1));

        IrmCli.Result loaded = new IrmCli().run("--runbooks", dir.toString(), "show", "broken");
        assertEquals(0, loaded.code(), loaded.toString());
        assertTrue(loaded.err().contains("cut.yaml:9:29: warning:"), "the loader warns too: " + loaded.err());
    }

    @Test
    void unknownFieldIsPointedAt() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnostic
                    title: A
                    action: redis.ping
                    colour: blue
                """);
        assertProblem(r, "broken.yaml:10:", "unknown field 'colour'");
    }

    @Test
    void unknownStepKind() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnosis
                    title: A
                """);
        assertProblem(r, "broken.yaml:7:", "'diagnosis' is not valid (expected one of: diagnostic, mitigation, verification, manual)");
    }

    @Test
    void unknownAction() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnostic
                    title: A
                    action: redis.pong
                """);
        assertProblem(r, "broken.yaml:6:", "unknown action 'redis.pong'");
    }

    @Test
    void writeActionInDiagnosticStepIsRefused() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnostic
                    title: A
                    action: redis.flushdb
                """);
        assertProblem(r, "broken.yaml:6:", "'redis.flushdb' changes the system and cannot run in a diagnostic step");
    }

    @Test
    void writeCommandInsideAGenericReadIsRefused() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnostic
                    title: A
                    action: redis.command
                    with: {argv: [CONFIG, SET, maxmemory, "0"]}
                """);
        assertProblem(r, "broken.yaml:6:", "'CONFIG SET' is not a read-only Redis command");
    }

    @Test
    void keysIsRefusedEvenThoughRedisCallsItReadOnly() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnostic
                    title: A
                    action: redis.command
                    with: {argv: [KEYS, "*"]}
                """);
        assertProblem(r, "broken.yaml:6:", "'KEYS' is not a read-only Redis command");
    }

    @Test
    void duplicateStepIdsAndUndeclaredVariables() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnostic
                    title: A
                    action: redis.ping
                  - id: a
                    kind: diagnostic
                    title: B
                    action: redis.scan-count
                    with: {pattern: "${nope}"}
                """);
        assertProblem(r, "broken.yaml:10:", "duplicate step id");
        assertProblem(r, "broken.yaml:10:", "undeclared variable nope");
    }

    @Test
    void badExpressionAndForbiddenLoop() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnostic
                    title: A
                    action: redis.ping
                    checks:
                      - id: t.a
                        title: A
                        critical: "reply == "
                      - id: t.b
                        title: B
                        critical: "x = 1"
                """);
        assertProblem(r, "broken.yaml:11:", "check t.a: bad expression");
        assertProblem(r, "broken.yaml:14:", "check t.b: bad expression");
    }

    @Test
    void aPerRowCheckNeedsTheColumnThatNamesEachFinding() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: diagnostic
                    title: A
                    action: redis.slowlog
                    checks:
                      - id: t.rows
                        title: Rows
                        each: {summary: "${id} is slow"}
                        warning: duration_us > 1000
                      - id: t.template
                        title: Template
                        each: {subject: id, summary: "${id"}
                        warning: duration_us > 1000
                """);
        assertProblem(r, "broken.yaml:11:", "check t.rows: each: needs subject");
        assertProblem(r, "broken.yaml:15:", "check t.template: each: summary");
    }

    @Test
    void yamlSyntaxErrorHasALocation() throws IOException {
        IrmCli.Result r = validate("  - id: [unclosed\n");
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().matches("(?s).*broken\\.yaml:\\d+:\\d+: .*"), r.err());
    }

    @Test
    void mitigationMustChangeSomethingAndManualHasNoAction() throws IOException {
        IrmCli.Result r = validate("""
                  - id: a
                    kind: mitigation
                    title: A
                    action: redis.ping
                  - id: b
                    kind: manual
                    title: B
                    action: redis.ping
                    text: do it
                """);
        assertProblem(r, "broken.yaml:6:", "'redis.ping' only reads");
        assertProblem(r, "broken.yaml:10:", "a manual step has no action");
    }

    @Test
    void variableDefaultMustMatchItsType() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                id: broken
                title: Broken
                severity: P2
                variables:
                  table:
                    type: identifier
                    default: "payment; DROP TABLE payment"
                steps:
                  - id: a
                    kind: manual
                    title: A
                    text: hi
                """);
        IrmCli.Result r = new IrmCli().run("validate", file.toString());
        assertProblem(r, "broken.yaml:6:", "default 'payment; DROP TABLE payment' is not an SQL identifier");
    }
}
