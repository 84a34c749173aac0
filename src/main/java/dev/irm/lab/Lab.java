package dev.irm.lab;

import dev.irm.config.ConfigStore;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The manuals' system on loopback: {@link #up} starts each part in its own folder under the lab's state
 * folder ({@link LabStarter}) and records it ({@link LabState}) after each start, so {@link #down} can stop by pid whatever
 * was started, even after a failed start; {@link #status} asks each part.
 */
public final class Lab {
    public static final String REDIS = "redis";
    public static final String MARIADB = "mariadb";
    public static final String KAFKA = "kafka";
    public static final String ALERTMANAGER = "alertmanager";
    public static final String PROMETHEUS = "prometheus";
    public static final String APP = "app";
    public static final String DOCKER = "docker";
    /** The app's container in the lab's engine. */
    public static final String APP_CONTAINER = "hhplus-app";
    /** The JVM in the container may grow past the container's memory: a leak ends in the kernel's OOM kill (app-oom). */
    static final String CONTAINER_JAVA_OPTS = "-Xms32m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dspring.jmx.enabled=false";
    static final String CONTAINER_MEMORY = "768m";
    static final Duration APP_START = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Map<String, String> env;
    private final Path dir;
    private final ConfigStore store;
    private final Consumer<String> progress;

    /** The lab of the environment {@code env} (its folder: {@link LabHome#stateDir}). */
    public Lab(Map<String, String> env, ConfigStore store, Consumer<String> progress) {
        this.env = env;
        this.dir = LabHome.stateDir(env);
        this.store = store;
        this.progress = progress;
    }

    public Path dir() {
        return dir;
    }

    /** What up did: the lab's state, and whether it was already up (then nothing was started). */
    public record UpResult(LabState state, boolean alreadyUp) {
    }

    public UpResult up(boolean withKafka, boolean withDocker) {
        Optional<LabState> existing = LabState.read(dir);
        if (existing.isPresent()) {
            if (status().stream().allMatch(LabPartStatus::up)) {
                LabContext.write(store, existing.get().endpoints());
                return new UpResult(existing.get(), true);
            }
            progress.accept("the lab is partly down: stopping what is left and starting it again (data kept)");
            down(true);
        }
        LabStarter starter = new LabStarter(dir, env, progress, withKafka, withDocker);
        try {
            LabState state = starter.start();
            LabContext.write(store, state.endpoints());
            return new UpResult(state, false);
        } catch (RuntimeException | IOException e) {
            stopAll(starter.parts);
            LabState.delete(dir);
            if (e instanceof IrmException irm) {
                throw irm;
            }
            throw new IrmException(ExitCode.INTERNAL, "lab up failed, everything it started is stopped again: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public Optional<LabState> state() {
        return LabState.read(dir);
    }

    /** Each recorded part: its process alive and its health probe answering. Empty when the lab is not up. */
    public List<LabPartStatus> status() {
        Optional<LabState> state = LabState.read(dir);
        if (state.isEmpty()) {
            return List.of();
        }
        List<LabPartStatus> out = new ArrayList<>();
        for (LabPart p : state.get().parts()) {
            boolean alive = LabProcess.find(p.pid(), p.startedAt()).isPresent();
            String health = alive ? health(p) : "process gone";
            out.add(new LabPartStatus(p.name(), alive && health.equals("ok"), p.port(), p.pid(), p.endpoint(), health));
        }
        return out;
    }

    private static String health(LabPart p) {
        try {
            boolean ok = switch (p.name()) {
                case REDIS -> Probes.redisPing(p.port());
                case MARIADB -> Probes.mysqlAnswers(p.port());
                case APP -> Probes.httpOk(p.port(), "/actuator/health");
                case PROMETHEUS, ALERTMANAGER -> Probes.httpOk(p.port(), "/-/ready");
                case DOCKER -> DockerPart.answers(DockerPart.cli(), p.endpoint(), Duration.ofSeconds(3));
                default -> Probes.listening(p.port());
            };
            return ok ? "ok" : "not healthy";
        } catch (Exception e) {
            return "not answering";
        }
    }

    /** What down did: whether a lab was up, and what would not go (a process or a port still open). */
    public record DownResult(boolean wasUp, List<String> leftovers) {
    }

    public DownResult down(boolean keepData) {
        Optional<LabState> state = LabState.read(dir);
        List<String> leftovers = state.map(s -> stopAll(s.parts())).orElse(List.of());
        if (state.flatMap(s -> s.part(DOCKER)).isPresent()) {
            DockerPart.cleanUp(dir.resolve(DOCKER));
        }
        LabContext.remove(store);
        LabState.delete(dir);
        if (!keepData) {
            deleteRecursively(dir);
        }
        return new DownResult(state.isPresent(), leftovers);
    }

    /** Stops the parts (SIGTERM to all at once, SIGKILL to any still there after the grace); what is still running or listening. */
    static List<String> stopAll(List<LabPart> parts) {
        List<String> leftovers = new ArrayList<>();
        Map<LabPart, ProcessHandle> running = new java.util.LinkedHashMap<>();
        parts.forEach(p -> LabProcess.find(p.pid(), p.startedAt()).ifPresent(h -> running.put(p, h)));
        if (!LabProcess.stopAll(List.copyOf(running.values()), STOP_GRACE)) {
            running.forEach((p, h) -> {
                if (h.isAlive()) {
                    leftovers.add(p.name() + " (pid " + p.pid() + ") still running");
                }
            });
        }
        for (LabPart p : parts.stream().filter(p -> p.port() > 0).toList()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Probes.listening(p.port()) && System.nanoTime() < deadline) {
                LabProcess.sleep(100);
            }
            if (Probes.listening(p.port())) {
                leftovers.add(p.name() + ": port " + p.port() + " still open");
            }
        }
        return leftovers;
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left stays in the lab's folder
        }
    }

    static String resource(String name) {
        try (InputStream in = Lab.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
