package dev.irm.connector;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Connectors by target name, discovered with {@link ServiceLoader}; actions by {@code target.name}. */
public final class ConnectorRegistry {
    /** The targets of CONTRACT.md, in the order {@code diagnose all} reports them. */
    public static final List<String> TARGETS = List.of("redis", "mysql", "kafka", "k8s", "docker", "http", "process");

    private final Map<String, ConnectorFactory> factories = new LinkedHashMap<>();
    private final Map<String, ActionSpec> actions = new LinkedHashMap<>();

    public ConnectorRegistry(Collection<ConnectorFactory> found) {
        for (ConnectorFactory f : found) {
            factories.put(f.target(), f);
            for (ActionSpec a : f.actions()) {
                actions.put(a.qualifiedName(), a);
            }
        }
    }

    public static ConnectorRegistry discover() {
        List<ConnectorFactory> found = ServiceLoader.load(ConnectorFactory.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return new ConnectorRegistry(found);
    }

    public Optional<ConnectorFactory> factory(String target) {
        return Optional.ofNullable(factories.get(target));
    }

    public Optional<ActionSpec> action(String qualifiedName) {
        return Optional.ofNullable(actions.get(qualifiedName));
    }

    public Collection<ActionSpec> actions() {
        return actions.values();
    }

    /** Targets that have a connector in this build. */
    public List<String> targets() {
        return TARGETS.stream().filter(factories::containsKey).toList();
    }
}
