package dev.irm.connector;

import java.util.function.Consumer;

/**
 * An argument an action takes. {@code rule} checks a value (throwing IllegalArgumentException
 * with the reason); it runs at load time on literal values and again on resolved values before
 * the action runs. A {@code literal} parameter (e.g. SQL text) may not be a {@code ${...}}
 * template, so no runbook variable is ever spliced into it.
 */
public record Param(String name, boolean required, String description, Consumer<Object> rule, boolean literal) {

    public static Param required(String name, String description) {
        return new Param(name, true, description, v -> { }, false);
    }

    public static Param optional(String name, String description) {
        return new Param(name, false, description, v -> { }, false);
    }

    public Param checkedBy(Consumer<Object> newRule) {
        return new Param(name, required, description, newRule, literal);
    }

    /** The value must be written out in the runbook: templates are refused at load. */
    public Param literalOnly() {
        return new Param(name, required, description, rule, true);
    }
}
