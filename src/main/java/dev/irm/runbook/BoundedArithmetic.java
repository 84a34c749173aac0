package dev.irm.runbook;

import java.math.MathContext;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL's strict arithmetic, with shifts bounded: {@code 1h << 2000000000} would allocate a
 * 256 MB BigInteger in one step. Other operators only grow a number by what the expression
 * writes out, and an expression's length is bounded ({@link RunbookLimits}). A regex match
 * ({@code value =~ 'regex'}) reads its input through {@link Interruptible}, so a backtracking
 * pattern stops when the evaluation's deadline interrupts it instead of running on.
 */
final class BoundedArithmetic extends JexlArithmetic {
    private static final int LONGEST_SHIFT = 64;

    BoundedArithmetic() {
        super(true);
    }

    private BoundedArithmetic(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return new BoundedArithmetic(strict, context, scale);
    }

    @Override
    public Object shiftLeft(Object left, Object right) {
        return super.shiftLeft(left, bounded(right));
    }

    @Override
    public Object shiftRight(Object left, Object right) {
        return super.shiftRight(left, bounded(right));
    }

    @Override
    public Object shiftRightUnsigned(Object left, Object right) {
        return super.shiftRightUnsigned(left, bounded(right));
    }

    @Override
    public Boolean contains(Object container, Object value) {
        if (value != null && (container instanceof CharSequence || container instanceof Pattern)) {
            Pattern pattern = container instanceof Pattern p ? p : Pattern.compile(container.toString());
            return pattern.matcher(new Interruptible(value.toString())).matches();
        }
        return super.contains(container, value);
    }

    /** A string whose reads fail once its thread is interrupted. */
    private record Interruptible(String text) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Interruptible(text.substring(start, end));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private Object bounded(Object shift) {
        if (shift instanceof Number n && Math.abs(n.doubleValue()) > LONGEST_SHIFT) {
            throw new ArithmeticException("a shift by " + n + " bits is more than the " + LONGEST_SHIFT + " allowed");
        }
        return shift;
    }
}
