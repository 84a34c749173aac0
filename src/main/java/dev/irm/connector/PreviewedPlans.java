package dev.irm.connector;

import java.util.HashMap;
import java.util.Map;

/**
 * What a write's preview computed, kept for its apply: the apply of the same action with the same
 * arguments executes that plan (and refuses without one), so what runs is what the operator saw.
 */
public final class PreviewedPlans {
    private final Map<String, Object> plans = new HashMap<>();

    public synchronized void keep(String action, Args args, Object plan) {
        plans.put(action + " " + args, plan);
    }

    /** The plan the last preview of this action with these arguments computed, or null. */
    public synchronized <T> T find(String action, Args args, Class<T> type) {
        Object plan = plans.get(action + " " + args);
        return type.isInstance(plan) ? type.cast(plan) : null;
    }
}
