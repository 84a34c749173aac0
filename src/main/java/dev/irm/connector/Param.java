package dev.irm.connector;

import java.util.function.Consumer;

/**
 * An argument an action takes. {@code rule} checks a value (throwing IllegalArgumentException
 * with the reason); it runs at load time on literal values and again on resolved values before
 * the action runs.
 */
public record Param(String name, boolean required, String description, Consumer<Object> rule) {

    public static Param required(String name, String description) {
        return new Param(name, true, description, v -> { });
    }

    public static Param optional(String name, String description) {
        return new Param(name, false, description, v -> { });
    }

    public Param checkedBy(Consumer<Object> newRule) {
        return new Param(name, required, description, newRule);
    }
}
