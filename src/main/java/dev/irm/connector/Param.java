package dev.irm.connector;

import java.util.function.Consumer;

/**
 * An argument an action takes. Its {@link ParamType} and then {@code check} (throwing
 * IllegalArgumentException with the reason) run at load time on literal values and again on
 * resolved values before the action runs ({@link #rule()}). A {@code literal} parameter (e.g. SQL
 * text) may not be a {@code ${...}} template, so no runbook variable is ever spliced into it.
 */
public record Param(String name, boolean required, String description, ParamType type, Consumer<Object> check, boolean literal) {

    public static Param required(String name, String description) {
        return new Param(name, true, description, ParamType.TEXT, v -> { }, false);
    }

    public static Param optional(String name, String description) {
        return new Param(name, false, description, ParamType.TEXT, v -> { }, false);
    }

    /** The same parameter taking values of {@code newType}. */
    public Param as(ParamType newType) {
        return new Param(name, required, description, newType, check, literal);
    }

    public Param checkedBy(Consumer<Object> newRule) {
        return new Param(name, required, description, type, newRule, literal);
    }

    /** The value must be written out in the runbook: templates are refused at load. */
    public Param literalOnly() {
        return new Param(name, required, description, type, check, true);
    }

    /** Everything a value must pass: its type, then the parameter's own check. */
    public Consumer<Object> rule() {
        return value -> {
            type.check(name, value);
            check.accept(value);
        };
    }
}
