package dev.irm.connector;

import java.util.List;

/** The part every connector factory shares: its target name and its fixed list of actions. */
public abstract class BaseConnectorFactory implements ConnectorFactory {
    private final String target;
    private final List<ActionSpec> actions;

    protected BaseConnectorFactory(String target, List<ActionSpec> actions) {
        this.target = target;
        this.actions = List.copyOf(actions);
    }

    @Override
    public final String target() {
        return target;
    }

    @Override
    public final List<ActionSpec> actions() {
        return actions;
    }
}
