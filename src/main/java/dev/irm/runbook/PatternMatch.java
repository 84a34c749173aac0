package dev.irm.runbook;

import java.util.regex.Pattern;

/**
 * A runbook author's {@code pattern:} applied to a value. Java's regex engine recurses for each
 * repetition of a group, so a pattern like {@code (a,)*} overflows the stack on a long value: that
 * is a value the pattern does not accept, not a crash.
 */
public final class PatternMatch {
    private PatternMatch() {
    }

    public static boolean matches(Pattern pattern, String value) {
        try {
            return pattern.matcher(value).matches();
        } catch (StackOverflowError tooComplex) {
            return false;
        }
    }
}
