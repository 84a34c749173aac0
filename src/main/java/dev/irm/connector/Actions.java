package dev.irm.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions of one target, each declared once with its handler: the factory gives their specs to
 * the registry, the connector ({@link DeclaredConnector}) runs them by name. Immutable: every
 * declaration returns a new table.
 */
public final class Actions<R, W> {
    private final String target;
    private final Map<String, Action<R, W>> byName;

    private Actions(String target, Map<String, Action<R, W>> byName) {
        this.target = target;
        this.byName = byName;
    }

    public static <R, W> Actions<R, W> of(String target) {
        return new Actions<>(target, Map.of());
    }

    public Actions<R, W> read(String name, String description, Action.ReadHandler<R> handler, Param... params) {
        return with(new Action.Read<>(ActionSpec.read(target, name, description, params), handler));
    }

    public Actions<R, W> write(String name, Risk risk, String description, Action.PreviewHandler<R> preview,
                               Action.WriteHandler<W> apply, Param... params) {
        return with(new Action.Write<>(ActionSpec.write(target, name, risk, description, params), preview, apply));
    }

    /** This table and the actions another package contributes to the same target (see {@link ActionProvider}). */
    public Actions<R, W> and(Actions<R, W> more) {
        Actions<R, W> all = this;
        for (Action<R, W> a : more.byName.values()) {
            all = all.with(a);
        }
        return all;
    }

    private Actions<R, W> with(Action<R, W> action) {
        if (!action.spec().target().equals(target)) {
            throw new IllegalArgumentException(action.spec().qualifiedName() + " is not an action of " + target);
        }
        if (byName.containsKey(action.spec().name())) {
            throw new IllegalStateException(action.spec().qualifiedName() + " is declared twice");
        }
        Map<String, Action<R, W>> next = new LinkedHashMap<>(byName);
        next.put(action.spec().name(), action);
        return new Actions<>(target, java.util.Collections.unmodifiableMap(next));
    }

    public String target() {
        return target;
    }

    public List<ActionSpec> specs() {
        return byName.values().stream().map(Action::spec).toList();
    }

    Optional<Action.Read<R, W>> reading(String name) {
        return byName.get(name) instanceof Action.Read<R, W> read ? Optional.of(read) : Optional.empty();
    }

    Optional<Action.Write<R, W>> writing(String name) {
        return byName.get(name) instanceof Action.Write<R, W> write ? Optional.of(write) : Optional.empty();
    }
}
