package dev.irm.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The app's container {@code hhplus-app} in the lab's engine: {@link #run} is how {@code irm lab up} creates it,
 * {@link #recreate} how heal creates it again (same image, arguments, env file, labels and limits), so that what
 * {@code docker logs} and the container's state keep of a fault (an OutOfMemoryError, ERROR lines, OOMKilled) is gone.
 */
public final class AppContainer {
    private final String cli;
    private final String host;

    AppContainer(String cli, String host) {
        this.cli = cli;
        this.host = host;
    }

    /** The env file (mode 0600) that holds the app's admin token, beside the engine's data. */
    static Path envFile(Path labDir) {
        return labDir.resolve(Lab.DOCKER).resolve("app.env");
    }

    /**
     * Replaces the container by a new one of image {@code tag} and waits (bounded) until the app answers;
     * {@code recorded} gets the app's part as soon as its pid is known (so down can stop it after a failure).
     */
    LabPart run(String tag, Path envFile, int appPort, int dbPort, int redisPort, Consumer<LabPart> recorded) {
        docker("rm", "-f", Lab.APP_CONTAINER);
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", Lab.APP_CONTAINER, "--network", "host",
                "--memory", Lab.CONTAINER_MEMORY, "--memory-swap", Lab.CONTAINER_MEMORY, "--env-file", envFile.toString(),
                "--label", "dev.irm.lab=1", "--label", "com.docker.compose.project=irm-lab",
                "--label", "com.docker.compose.service=app", "--label", "com.docker.compose.container-number=1",
                "--label", "com.docker.compose.oneoff=False", tag));
        run.addAll(AppPart.args(appPort, Probes.HOST, dbPort, Probes.HOST, redisPort, "/tmp/application.log"));
        LabProcess.Result r = docker(run.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("docker run: " + r.output().strip());
        }
        long t0 = System.nanoTime();
        LabPart part = null;
        while (true) {
            String state = docker("inspect", "-f", "{{.State.Status}} {{.State.Pid}}", Lab.APP_CONTAINER).output().strip();
            if (!state.startsWith("running")) {
                throw new IllegalStateException("the container is " + state + ": " + docker("logs", "--tail", "5", Lab.APP_CONTAINER).output());
            }
            if (part == null) {
                long pid = Long.parseLong(state.substring(state.indexOf(' ') + 1).strip());
                long started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(java.time.Instant::toEpochMilli).orElse(0L);
                part = new LabPart(Lab.APP, appPort, pid, started, "http://" + Probes.HOST + ":" + appPort, null);
                recorded.accept(part);
            }
            if (answers(appPort)) {
                return part;
            }
            if (System.nanoTime() - t0 > Lab.APP_START.toNanos()) {
                throw new IllegalStateException("the container did not answer within " + Lab.APP_START.toSeconds() + " s");
            }
            LabProcess.sleep(250);
        }
    }

    /**
     * Heal's fresh start of the app's container of a running lab (its image as the engine has it, the ports and
     * env file lab up recorded); lab.json then names the new container's process. Bounded by {@link Lab#APP_START}.
     */
    public static void recreate(LabEndpoints endpoints) {
        Path dir = endpoints.stateDir();
        LabState state = LabState.read(dir).orElseThrow(() -> new IllegalStateException("the lab is not up"));
        AppContainer container = new AppContainer(DockerPart.cli(), endpoints.dockerHost());
        LabProcess.Result image = container.docker("inspect", "-f", "{{.Config.Image}}", Lab.APP_CONTAINER);
        if (image.exitCode() != 0) {
            throw new IllegalStateException("docker inspect " + Lab.APP_CONTAINER + ": " + image.output().strip());
        }
        container.run(image.output().strip(), envFile(dir), port(state, Lab.APP), port(state, Lab.MARIADB), port(state, Lab.REDIS), part -> {
            List<LabPart> parts = new ArrayList<>(state.parts().stream().filter(p -> !p.name().equals(Lab.APP)).toList());
            parts.add(part);
            new LabState(state.endpoints(), List.copyOf(parts), state.appRunsAs()).write(dir);
        });
    }

    /** Whether the kernel has OOM-killed the app's container (its State.OOMKilled); false when that cannot be told. */
    public static boolean oomKilled(LabEndpoints endpoints) {
        try {
            LabProcess.Result r = new AppContainer(DockerPart.cli(), endpoints.dockerHost())
                    .docker("inspect", "-f", "{{.State.OOMKilled}}", Lab.APP_CONTAINER);
            return r.exitCode() == 0 && r.output().strip().equals("true");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int port(LabState state, String part) {
        return state.part(part).orElseThrow(() -> new IllegalStateException("the lab has no " + part)).port();
    }

    private static boolean answers(int appPort) {
        try {
            return Probes.httpOk(appPort, "/actuator/health");
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    private LabProcess.Result docker(String... args) {
        return DockerPart.docker(cli, host, DockerPart.CLI_TIMEOUT, args);
    }
}
