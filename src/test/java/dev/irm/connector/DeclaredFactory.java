package dev.irm.connector;

import java.util.List;

/** A factory that declares a target and nothing that connects: for tests of what the registry and the resolver read. */
public final class DeclaredFactory extends BaseConnectorFactory {
    public DeclaredFactory(String target, int order, ConnectionSetting... settings) {
        super(target, order, List.of(settings), List.of(ActionSpec.read(target, "ping", "a read")));
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        throw new TargetUnreachableException("a declared-only target does not connect", null);
    }

    @Override
    public String describe(TargetSettings settings) {
        return target();
    }

    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return "unknown-outage";
    }
}
