package dev.irm.runbook;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.irm.support.BoundedInput;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Sizes a runbook may have, checked before the YAML parser sees it (docs/SECURITY.md): a file, a
 * line, a scalar, nesting of YAML and of expressions. Far above anything a person writes, far below
 * what would make a parser hang or overflow its stack.
 */
public final class RunbookLimits {
    public static final int FILE_CHARS = (int) BoundedInput.TEXT_FILE_BYTES;
    public static final int LINE_CHARS = 10_000;
    public static final int SCALAR_CHARS = 64 * 1024;
    public static final int YAML_DEPTH = 32;
    public static final int EXPRESSION_CHARS = 4_096;
    public static final int EXPRESSION_DEPTH = 32;

    private RunbookLimits() {
    }

    /** The first limit the text breaks, located; empty when it is within all of them. */
    public static Optional<RunbookProblem> check(String file, String text) {
        if (text.length() > FILE_CHARS) {
            return Optional.of(new RunbookProblem(SourceLocation.of(file),
                    "the file has " + text.length() + " characters, more than the " + FILE_CHARS + " allowed"));
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > LINE_CHARS) {
                    return Optional.of(new RunbookProblem(new SourceLocation(file, line, LINE_CHARS + 1),
                            "line " + line + " has " + (i - start) + " characters, more than the " + LINE_CHARS + " allowed"));
                }
                line++;
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    public static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(FILE_CHARS + 1);
        options.setNestingDepthLimit(YAML_DEPTH);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    public static StreamReadConstraints streamConstraints() {
        return StreamReadConstraints.builder()
                .maxStringLength(SCALAR_CHARS)
                .maxNestingDepth(YAML_DEPTH)
                .maxNumberLength(100)
                .maxDocumentLength(FILE_CHARS + 1L)
                .build();
    }

    /**
     * Refuses an expression longer or deeper than the limits with one line; the parser recurses once
     * per bracket, so depth is counted here, linearly, before it runs.
     */
    static void checkExpressionSize(String source, boolean template) {
        int max = template ? SCALAR_CHARS : EXPRESSION_CHARS;
        if (source.length() > max) {
            throw new IllegalArgumentException((template ? "template" : "expression") + " of " + source.length()
                    + " characters is longer than the " + max + " allowed");
        }
        int depth = 0;
        int deepest = 0;
        char quote = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (!template && (c == '\'' || c == '"' || c == '`')) {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '!' || c == '-' || c == '~') {
                deepest = Math.max(deepest, depth + prefixRun(source, i));
            }
        }
        if (deepest > EXPRESSION_DEPTH) {
            throw new IllegalArgumentException("expression nests " + deepest + " levels deep, more than the "
                    + EXPRESSION_DEPTH + " allowed");
        }
    }

    /** Unary operators recurse in the parser too: {@code !!!!!!x} is as deep as its run of '!'. */
    private static int prefixRun(String source, int from) {
        int run = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '!' || c == '-' || c == '~') {
                run++;
            } else if (c != ' ') {
                break;
            }
        }
        return run;
    }
}
