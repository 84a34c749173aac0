package dev.irm.connector;

import java.util.List;

/** The part every connector factory shares: what it declares (name, order, connection settings, actions), fixed. */
public abstract class BaseConnectorFactory implements ConnectorFactory {
    private final String target;
    private final int order;
    private final List<ConnectionSetting> settings;
    private final List<ActionSpec> actions;

    protected BaseConnectorFactory(String target, int order, List<ConnectionSetting> settings, List<ActionSpec> actions) {
        this.target = target;
        this.order = order;
        this.settings = List.copyOf(settings);
        this.actions = List.copyOf(actions);
    }

    @Override
    public final String target() {
        return target;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public final List<ConnectionSetting> settings() {
        return settings;
    }

    @Override
    public final List<ActionSpec> actions() {
        return actions;
    }
}
