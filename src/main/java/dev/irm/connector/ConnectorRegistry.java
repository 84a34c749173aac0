package dev.irm.connector;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Connectors by target name, discovered with {@link ServiceLoader}; actions by {@code target.name}.
 * The targets are whatever factories are on the class path, in their declared {@link ConnectorFactory#order()}:
 * there is no other list of them.
 */
public final class ConnectorRegistry {
    private static final Comparator<ConnectorFactory> ORDER = Comparator.comparingInt(ConnectorFactory::order)
            .thenComparing(ConnectorFactory::target);

    private static ConnectorRegistry discovered;

    private final Map<String, ConnectorFactory> factories = new LinkedHashMap<>();
    private final Map<String, ActionSpec> actions = new LinkedHashMap<>();

    public ConnectorRegistry(Collection<ConnectorFactory> found) {
        for (ConnectorFactory f : found.stream().sorted(ORDER).toList()) {
            if (!f.target().matches("[a-z0-9]+") || f.target().equals("all")) {
                throw new IllegalArgumentException(f.getClass().getName() + ": target name '" + f.target() + "' is not [a-z0-9]+ (or is 'all')");
            }
            if (factories.putIfAbsent(f.target(), f) != null) {
                throw new IllegalArgumentException("two connectors for target '" + f.target() + "': "
                        + factories.get(f.target()).getClass().getName() + " and " + f.getClass().getName());
            }
            for (ActionSpec a : f.actions()) {
                actions.put(a.qualifiedName(), a);
            }
        }
    }

    /**
     * The connectors on the class path, found once per JVM: the command line, the catalog's background load,
     * the lab and the training run all ask, and the class path does not change under them. The registry
     * and its factories are immutable.
     */
    public static synchronized ConnectorRegistry discover() {
        if (discovered == null) {
            discovered = new ConnectorRegistry(ServiceLoader.load(ConnectorFactory.class).stream()
                    .map(ServiceLoader.Provider::get).toList());
        }
        return discovered;
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

    /** The factories in {@code diagnose all} order. */
    public Collection<ConnectorFactory> factories() {
        return factories.values();
    }

    /** Targets that have a connector in this build, in {@code diagnose all} order. */
    public List<String> targets() {
        return List.copyOf(factories.keySet());
    }

    /** The declared connection settings of a target (none for an unknown one). */
    public List<ConnectionSetting> settings(String target) {
        return factory(target).map(ConnectorFactory::settings).orElse(List.of());
    }

    /** The keys a target declares secret. */
    public Set<String> secretKeys(String target) {
        return settings(target).stream().filter(ConnectionSetting::secret).map(ConnectionSetting::key)
                .collect(Collectors.toUnmodifiableSet());
    }
}
