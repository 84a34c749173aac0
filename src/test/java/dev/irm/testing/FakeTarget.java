package dev.irm.testing;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.ConnectorFactory;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Param;
import dev.irm.connector.Preview;
import dev.irm.connector.Risk;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted target for fast engine tests: each action answers what the test gave it, and every
 * call (read, preview, write) is kept in {@link #calls()} so a test can prove what did not happen.
 * Handed to the engine through {@code new ConnectorRegistry(List.of(fake))}, never by ServiceLoader.
 * Written against the plain {@link Connector} / {@link ConnectorFactory} interfaces.
 */
public final class FakeTarget implements ConnectorFactory {

    /** What an action does with its arguments; may throw, may block (deadlines). */
    @FunctionalInterface
    public interface Answer {
        Observation apply(Args args) throws Exception;
    }

    private final String target;
    private final List<ActionSpec> specs = new ArrayList<>();
    private final Map<String, Answer> reads = new LinkedHashMap<>();
    private final Map<String, Preview> previews = new LinkedHashMap<>();
    private final Map<String, Answer> writes = new LinkedHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private String unreachable;

    /** A target name the validator knows (e.g. {@code redis}): the fake stands in for it. */
    public FakeTarget(String target) {
        this.target = target;
    }

    public FakeTarget read(String name, Answer answer, Param... params) {
        specs.add(ActionSpec.read(target, name, "fake read " + name, params));
        reads.put(name, answer);
        return this;
    }

    public FakeTarget write(String name, Risk risk, Preview preview, Answer done, Param... params) {
        specs.add(ActionSpec.write(target, name, risk, "fake write " + name, params));
        previews.put(name, preview);
        writes.put(name, done);
        return this;
    }

    /** Every later {@link #open} fails as a dead service would. */
    public FakeTarget unreachable(String why) {
        this.unreachable = why;
        return this;
    }

    public ConnectorRegistry registry() {
        return new ConnectorRegistry(List.of(this));
    }

    /** Its resolved settings, as a command hands them to the pool ({@code settings()} is the factory's declaration). */
    public Map<String, TargetSettings> resolved() {
        return Map.of(target, new TargetSettings(target, Map.of(), java.time.Duration.ofSeconds(1)));
    }

    /** "expect NAME", "read NAME", "preview NAME", "write NAME", in the order they happened. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public List<ActionSpec> actions() {
        return List.copyOf(specs);
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        if (unreachable != null) {
            throw new TargetUnreachableException(unreachable, null);
        }
        return new Connector() {
            @Override
            public String endpoint() {
                return "fake://" + target;
            }

            @Override
            public Observation read(String action, Args args) throws Exception {
                calls.add("read " + action);
                return reads.get(action).apply(args);
            }

            @Override
            public void expect(String action, Args args) {
                calls.add("expect " + action + (args.has("window") ? " window=" + args.string("window") : ""));
            }

            @Override
            public Preview preview(String action, Args args) {
                calls.add("preview " + action);
                return previews.get(action);
            }

            @Override
            public Observation write(String action, Args args, Consent consent) throws Exception {
                if (consent == null) {
                    throw new IllegalStateException("a write without consent");
                }
                calls.add("write " + action);
                return writes.get(action).apply(args);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String describe(TargetSettings settings) {
        return "fake://" + target;
    }

    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return target + "-down";
    }
}
