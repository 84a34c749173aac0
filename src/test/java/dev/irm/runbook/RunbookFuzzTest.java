package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.support.BoundedInput;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutator over the built-in runbooks: byte flips, truncation, duplicated and dropped
 * lines, deep nesting (YAML and expressions), huge scalars and lines, random unicode, swapped
 * keys, changed value types, anchors. Every input must end in a valid runbook or in problems
 * located at {@code file:line:col} with one plain line each; anything else (another exception, an
 * Error, a message naming library internals) fails, and so does a case without an answer within
 * {@link #CASE_DEADLINE_MS} (a hang detector, not a timing assertion).
 *
 * <p>{@code -Dirm.fuzz.cases=100000} for the nightly size, {@code -Dirm.fuzz.seed=N} to replay a
 * run; a failing case is written to {@code target/fuzz-failures/} to replay with {@code irm validate}.
 */
class RunbookFuzzTest {
    private static final int CASES = Integer.getInteger("irm.fuzz.cases", 10_000);
    private static final long SEED = Long.getLong("irm.fuzz.seed", 20_261_202L);
    private static final long CASE_DEADLINE_MS = 2_000;
    private static final Pattern INTERNALS = Pattern.compile(
            "com\\.fasterxml|org\\.yaml|org\\.apache|dev\\.irm\\.|jackson|snakeyaml|JxltEngine|JexlEngine|createExpression"
                    + "|fallback setter|creator property|Cannot construct|Cannot deserialize|\\bat [\\w$.]+\\(|Exception:|Error:");
    private static final String[] KEYS = {"id", "title", "severity", "kind", "action", "with", "when", "checks", "critical",
            "warning", "summary", "variables", "default", "type", "pattern", "steps", "targets", "capture", "timeout", "risk",
            "text", "ask", "template", "min", "max", "i18n", "symptoms", "tags", "skip", "runbook", "metrics"};
    private static final String[] VALUES = {"[]", "{}", "[1, 2]", "{a: 1}", "123", "-1", "1e999", "0x1F", "true", "null", "~",
            "''", "\"\\u0000\"", "&a x", "*a", "!!binary AAAA", "!!java.lang.Runtime x", "? complex", "|", ">-", "- item",
            "${", "${steps.x.y}", "#{x}", "'${a}${b}${c}'", "steps.a.put('x', 1)", "(3h).pow(100000000)", "\t", "%TAG ! x"};

    @Test
    void everyMutatedRunbookEndsInALocatedErrorOrAValidRunbook() throws Exception {
        Map<String, String> builtIns = RunbookCatalog.readBuiltIns();
        List<String> names = new ArrayList<>(builtIns.keySet());
        ConnectorRegistry registry = ConnectorRegistry.discover();
        RunbookLoader loader = new RunbookLoader();
        RunbookValidator validator = new RunbookValidator(registry);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int located = 0;
        ExecutorService worker = newWorker();
        try {
            for (int i = 0; i < CASES && failures.size() < 20; i++) {
                String base = names.get(random.nextInt(names.size()));
                List<String> applied = new ArrayList<>();
                String text = builtIns.get(base);
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    text = mutate(text, random, applied);
                }
                String file = "fuzz-" + i + ".yaml";
                String input = text;
                Future<String> outcome = worker.submit(() -> judge(loader, validator, file, input));
                String failure;
                try {
                    failure = awaitCase(outcome);
                } catch (TimeoutException e) {
                    outcome.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker();
                    failure = e.getMessage();
                } catch (ExecutionException e) {
                    failure = "threw " + e.getCause();
                }
                if (failure == null) {
                    valid++;
                } else if (failure.equals(LOCATED)) {
                    located++;
                } else {
                    failures.add("case " + i + " (" + base + ", " + String.join(", ", applied) + "): " + failure
                            + " [saved as " + save(file, input) + "]");
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("fuzz: seed %d, %d cases: %d valid, %d located errors, %d failures, %.1f s of CPU in the cases%n",
                SEED, valid + located + failures.size(), valid, located, failures.size(), casesCpuNanos / 1e9);
        assertTrue(failures.isEmpty(), "seed " + SEED + ":\n" + String.join("\n", failures));
        assertTrue(located > CASES / 2, "the mutator should break most runbooks: " + located + " of " + CASES);
        assertTrue(valid > 0, "some mutations (e.g. a duplicated description line) leave a valid runbook");
    }

    private static final String LOCATED = "located";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile Thread caseThread;
    private static long casesCpuNanos;

    /**
     * The case's answer. The deadline counts the CPU time of the case's thread, so a loaded machine
     * (other builds on the same two cores) does not turn a slow case into a "hang"; a case that
     * waits without using CPU is caught by a wall-clock bound 30 times longer.
     */
    private static String awaitCase(Future<String> outcome) throws Exception {
        long wallStart = System.nanoTime();
        Thread thread = caseThread;
        long cpuStart = thread == null ? 0 : THREADS.getThreadCpuTime(thread.getId());
        while (true) {
            try {
                String answer = outcome.get(50, TimeUnit.MILLISECONDS);
                casesCpuNanos += thread == null ? 0 : THREADS.getThreadCpuTime(thread.getId()) - cpuStart;
                return answer;
            } catch (TimeoutException notYet) {
                long cpuMs = thread == null ? 0 : (THREADS.getThreadCpuTime(thread.getId()) - cpuStart) / 1_000_000;
                long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
                if (cpuMs > CASE_DEADLINE_MS || wallMs > 30 * CASE_DEADLINE_MS) {
                    throw new TimeoutException("no answer after " + cpuMs + " ms of CPU (" + wallMs + " ms wall): a hang");
                }
            }
        }
    }

    /** null for a valid runbook, {@link #LOCATED} for well-formed problems, else what is wrong. */
    private static String judge(RunbookLoader loader, RunbookValidator validator, String file, String text) {
        List<RunbookProblem> problems;
        try {
            problems = validator.validate(loader.parse(file, text, false));
        } catch (InvalidRunbookException e) {
            problems = e.problems();
            if (problems.isEmpty()) {
                return "InvalidRunbookException without problems";
            }
        } catch (Throwable t) {
            return "threw " + t;
        }
        if (problems.isEmpty()) {
            return null;
        }
        for (RunbookProblem p : problems) {
            SourceLocation at = p.where();
            if (at == null || !file.equals(at.file()) || at.line() < 1 || at.column() < 1) {
                return "problem not located: " + p;
            }
            String message = p.message();
            if (message == null || message.isBlank() || message.contains("\n") || message.length() > BoundedInput.LINE_CHARS + 1) {
                return "problem not one plain line: " + abbreviate(String.valueOf(message));
            }
            if (INTERNALS.matcher(message).find()) {
                return "message names library internals: " + abbreviate(message);
            }
        }
        return LOCATED;
    }

    private static String mutate(String text, Random random, List<String> applied) {
        String[] lines = text.split("\n", -1);
        int at = random.nextInt(Math.max(1, lines.length));
        switch (random.nextInt(14)) {
            case 0 -> {
                applied.add("byte flip");
                char[] chars = text.toCharArray();
                for (int n = 1 + random.nextInt(4); n > 0 && chars.length > 0; n--) {
                    chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
                }
                return new String(chars);
            }
            case 1 -> {
                applied.add("truncation");
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            case 2 -> {
                applied.add("duplicated line");
                return join(lines, at, lines[at] + "\n" + lines[at]);
            }
            case 3 -> {
                applied.add("dropped line");
                return join(lines, at, null);
            }
            case 4 -> {
                int depth = 1 + random.nextInt(random.nextBoolean() ? 40 : 3000);
                applied.add("flow nesting " + depth);
                return join(lines, at, indent(lines[at]) + "nested: " + "[".repeat(depth) + "x" + "]".repeat(depth));
            }
            case 5 -> {
                int depth = 1 + random.nextInt(random.nextBoolean() ? 40 : 2000);
                applied.add("expression nesting " + depth);
                String expression = "(".repeat(depth) + "true" + ")".repeat(depth);
                return replaceValue(lines, random, "\"" + expression + "\"", "when", "critical", "warning", "skip");
            }
            case 6 -> {
                int depth = 1 + random.nextInt(60);
                applied.add("block nesting " + depth);
                StringBuilder nested = new StringBuilder();
                for (int d = 0; d < depth; d++) {
                    nested.append("  ".repeat(d + 1)).append("k").append(d).append(":\n");
                }
                return join(lines, at, indent(lines[at]) + "with:\n" + nested + "  ".repeat(depth + 1) + "leaf");
            }
            case 7 -> {
                int size = random.nextInt(100) == 0 ? 1_100_000 + random.nextInt(500_000) : 1 + random.nextInt(70_000);
                applied.add("scalar of " + size);
                String huge = random.nextBoolean() ? "x".repeat(size) : ("word ".repeat(size / 5 + 1)).replace("word word ", "word\n    word ");
                return replaceValue(lines, random, "\"" + huge + "\"", KEYS);
            }
            case 8 -> {
                applied.add("random unicode");
                StringBuilder noise = new StringBuilder();
                for (int n = 1 + random.nextInt(12); n > 0; n--) {
                    int cp = random.nextInt(5) == 0 ? random.nextInt(32) : random.nextInt(0x10FFFF);
                    if (Character.isValidCodePoint(cp)) {
                        noise.appendCodePoint(cp);
                    }
                    if (random.nextInt(8) == 0) {
                        noise.append(random.nextBoolean() ? '\uD800' : '\uFEFF');
                    }
                }
                int pos = random.nextInt(text.length() + 1);
                return text.substring(0, pos) + noise + text.substring(pos);
            }
            case 9 -> {
                applied.add("swapped keys");
                String a = KEYS[random.nextInt(KEYS.length)];
                String b = KEYS[random.nextInt(KEYS.length)];
                return text.replaceFirst("(?m)^(\\s*-?\\s*)" + a + ":", "$1\u0000SWAP:")
                        .replaceFirst("(?m)^(\\s*-?\\s*)" + b + ":", "$1" + a + ":").replace("\u0000SWAP:", b + ":");
            }
            case 10 -> {
                String value = VALUES[random.nextInt(VALUES.length)];
                applied.add("type change to " + value);
                return replaceValue(lines, random, value, KEYS);
            }
            case 11 -> {
                applied.add("anchor bomb");
                StringBuilder bomb = new StringBuilder("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (int n = 1; n < 12; n++) {
                    bomb.append("x").append(n).append(": &a").append(n).append(" [").append(("*a" + (n - 1) + ", ").repeat(9)).append("]\n");
                }
                return bomb + text;
            }
            case 12 -> {
                int length = 10_001 + random.nextInt(random.nextBoolean() ? 20_000 : 2_000_000);
                applied.add("line of " + length);
                return join(lines, at, "# " + "c".repeat(length));
            }
            default -> {
                applied.add("indentation shift");
                return join(lines, at, (random.nextBoolean() ? " " : "\t") + lines[at]);
            }
        }
    }

    /** Replaces the value of one {@code key:} line (of the given keys) with {@code value}. */
    private static String replaceValue(String[] lines, Random random, String value, String... keys) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip().replaceFirst("^- ", "");
            for (String key : keys) {
                if (trimmed.startsWith(key + ":")) {
                    candidates.add(i);
                    break;
                }
            }
        }
        if (candidates.isEmpty()) {
            return String.join("\n", lines);
        }
        int i = candidates.get(random.nextInt(candidates.size()));
        int colon = lines[i].indexOf(':');
        return join(lines, i, lines[i].substring(0, colon + 1) + " " + value);
    }

    private static String join(String[] lines, int at, String replacement) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = i == at ? replacement : lines[i];
            if (line != null) {
                out.append(line);
                if (i < lines.length - 1) {
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(0, n);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String save(String file, String text) {
        try {
            Path dir = Path.of(System.getProperty("irm.project.dir", "."), "target", "fuzz-failures");
            Files.createDirectories(dir);
            Path out = dir.resolve(file);
            Files.writeString(out, text, StandardCharsets.UTF_8);
            return out.toString();
        } catch (IOException e) {
            return "(not saved: " + e.getMessage() + ")";
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "irm-fuzz-case");
            t.setDaemon(true);
            caseThread = t;
            return t;
        });
    }
}
