package dev.irm.engine;

import dev.irm.connector.Connector;
import dev.irm.connector.ConnectorFactory;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import dev.irm.support.Failures;
import dev.irm.support.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The connections of one command: each target is opened once, on first use, under a hard
 * deadline; a target that cannot be reached stays unreachable for the rest of the command.
 */
public final class ConnectorPool implements AutoCloseable {
    private final ConnectorRegistry registry;
    private final Map<String, TargetSettings> settings;
    /** One task per target; connecting runs outside the map's lock, so targets connect in parallel. */
    private final Map<String, FutureTask<Opened>> opened = new ConcurrentHashMap<>();

    public ConnectorPool(ConnectorRegistry registry, Map<String, TargetSettings> settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** The connector of a target, or the reason it cannot be had. */
    public Opened open(String target) {
        FutureTask<Opened> task = opened.computeIfAbsent(target, t -> new FutureTask<>(() -> connect(t)));
        task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Opened.failed(target, new TargetUnreachableException("interrupted", e));
        } catch (ExecutionException e) {
            return Opened.failed(target, new TargetUnreachableException(Failures.describe(e), e));
        }
    }

    public String describe(String target) {
        ConnectorFactory factory = registry.factory(target).orElse(null);
        TargetSettings s = settingsOf(target);
        return factory == null ? target : factory.describe(s);
    }

    private TargetSettings settingsOf(String target) {
        TargetSettings s = settings.get(target);
        return s != null ? s : new TargetSettings(target, Map.of(), Duration.ofSeconds(1));
    }

    private Opened connect(String target) {
        ConnectorFactory factory = registry.factory(target).orElse(null);
        if (factory == null) {
            return Opened.failed(target, new TargetUnreachableException("no connector for '" + target + "' in this build", null));
        }
        TargetSettings s = settingsOf(target);
        String missing = s.named() ? null : factory.notConfigured(s);
        if (missing != null) {
            return Opened.notConfigured(target, missing);
        }
        // the clients' own timeouts bound a dead service; this is the backstop that keeps "dead within
        // about 2 s" (2.5 s at the 1 s default), longer only while a cold JVM is still loading the client
        Duration deadline = s.timeout().multipliedBy(2).plusMillis(500);
        try {
            return Opened.ok(target, Workers.withinPeerTime(deadline, () -> factory.open(s)));
        } catch (TargetUnreachableException e) {
            return Opened.failed(target, e);
        } catch (Workers.DeadlineExceededException e) {
            return Opened.failed(target, new TargetUnreachableException("timeout: " + e.getMessage(), e));
        } catch (Exception e) {
            return Opened.failed(target, new TargetUnreachableException(String.valueOf(e.getMessage()), e));
        }
    }

    /** Closes every connector in parallel, waiting at most one second in all: the command has its answer. */
    @Override
    public void close() {
        List<FutureTask<Opened>> all = new ArrayList<>(opened.values());
        opened.clear();
        List<java.util.concurrent.Future<?>> closing = new ArrayList<>();
        for (FutureTask<Opened> task : all) {
            Opened o = finished(task);
            if (o != null && o.connector() != null) {
                closing.add(Workers.submit(() -> {
                    o.connector().close();
                    return null;
                }));
            }
        }
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        for (java.util.concurrent.Future<?> f : closing) {
            try {
                f.get(Math.max(0, until - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception ignored) {
                // best effort: the workers are daemon threads and the process is about to end
            }
        }
    }

    private static Opened finished(FutureTask<Opened> task) {
        if (!task.isDone()) {
            return null;
        }
        try {
            return task.get();
        } catch (InterruptedException | ExecutionException e) {
            return null;
        }
    }

    /**
     * Either a connector, or the reason there is none: the target is not configured at all
     * ({@code notConfigured} says what is missing), or it is configured and did not answer ({@code failure}).
     */
    public record Opened(String target, Connector connector, TargetUnreachableException failure, String notConfigured) {
        static Opened ok(String target, Connector c) {
            return new Opened(target, c, null, null);
        }

        static Opened failed(String target, TargetUnreachableException e) {
            return new Opened(target, null, e, null);
        }

        static Opened notConfigured(String target, String missing) {
            return new Opened(target, null, null, missing);
        }

        public boolean reachable() {
            return connector != null;
        }

        public boolean configured() {
            return notConfigured == null;
        }

        /** Why there is no connector, for messages. */
        public String why() {
            return notConfigured != null ? target + " " + notConfigured : target + " unreachable (" + failure.reason() + ")";
        }
    }
}
