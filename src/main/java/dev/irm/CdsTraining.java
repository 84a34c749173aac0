package dev.irm;

import dev.irm.cli.CommandLineFactory;
import dev.irm.cli.TrainingContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The AppCDS training run of {@code bin/irm}: the common commands in one JVM, every target against
 * a closed port (each factory's {@code trainingSettings}, as the current context of a temporary config)
 * and again against the targets' training peers ({@link TrainingContext}), so the archive written at exit
 * holds the classes a real command loads. Output is
 * discarded; config and state live in a temporary folder that is removed afterwards.
 */
public final class CdsTraining {
    private static final String CLOSED = "127.0.0.1:1";

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("irm-cds-");
        try (TrainingContext context = TrainingContext.start(home, CLOSED)) {
            Map<String, String> env = Map.of("IRM_CONFIG", context.config().toString(), "HOME", home.toString(),
                    "XDG_STATE_HOME", home.resolve("state").toString(), "XDG_CACHE_HOME", home.resolve("cache").toString(), "LANG", "C.UTF-8");
            PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream(), true, "UTF-8");
            run(env, nowhere, List.of("--version"));
            run(env, nowhere, List.of("--help"));
            run(env, nowhere, List.of("list"));
            run(env, nowhere, List.of("show", "redis-oom"));
            run(env, nowhere, List.of("validate"));
            run(env, nowhere, List.of("--timeout", "3s", "diagnose", "all"));
            run(env, nowhere, List.of("--timeout", "3s", "diagnose", "-o", "json", "all"));
            run(env, nowhere, List.of("--timeout", "3s", "run", "redis-oom", "--dry-run"));
            // and against the targets' training peers, for the clients' reply classes
            String answering = TrainingContext.ANSWERING;
            run(env, nowhere, List.of("--context", answering, "--timeout", "3s", "diagnose", "all"));
            run(env, nowhere, List.of("--context", answering, "--timeout", "3s", "diagnose", "-o", "json", "all"));
            run(env, nowhere, List.of("--context", answering, "--timeout", "3s", "run", "redis-oom", "--dry-run"));
            run(env, nowhere, List.of("--context", answering, "--timeout", "3s", "run", "kafka-lag", "--dry-run"));
            TrainingContext.trainClients(CLOSED);
        } finally {
            try (Stream<Path> all = Files.walk(home)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Map<String, String> env, PrintStream nowhere, List<String> args) {
        try {
            int code = CommandLineFactory.execute(args.toArray(String[]::new), nowhere, nowhere, env);
            System.err.println("irm " + String.join(" ", args) + ": exit " + code);
        } catch (RuntimeException e) {
            // a training command that fails still loaded classes; the archive is all that matters
            System.err.println("irm " + String.join(" ", args) + ": " + e);
        }
    }
}
