package dev.irm.cli;

import dev.irm.engine.RecordWriter;
import dev.irm.serve.AlertDiagnoser;
import dev.irm.serve.AlertReceiver;
import dev.irm.serve.ServeSettings;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code irm serve}: Alertmanager webhook receiver running runbook diagnostics, never a mitigation. */
@Command(name = "serve", description = "Receive Alertmanager webhooks (POST /alerts) and run the matching runbook's diagnostics — never a mitigation.")
public final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    IrmCommand root;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", description = "Address to bind (default: serve.listen, else " + ServeSettings.DEFAULT_LISTEN + ").")
    String listen;

    @Option(names = "--token-env", paramLabel = "NAME", description = "Environment variable holding the bearer token (default: serve.tokenEnv, else $" + ServeSettings.DEFAULT_TOKEN_ENV + ").")
    String tokenEnv;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the bearer token (default: serve.tokenFile).")
    Path tokenFile;

    @Option(names = "--dedup-window", paramLabel = "DURATION", description = "The same alert (fingerprint) within this is diagnosed once (default: serve.dedupWindow, else 5m).")
    String dedupWindow;

    @Option(names = "--concurrency", paramLabel = "N", description = "Diagnoses running at once (default: serve.concurrency, else 2).")
    Integer concurrency;

    @Option(names = "--queue", paramLabel = "N", description = "Alerts waiting for a slot; beyond, POST /alerts answers 503 (default: serve.queue, else 100).")
    Integer queue;

    @Mixin
    ConnectionOptions connections;

    @Override
    public Integer call() {
        Session session = new Session(root);
        ServeSettings settings = ServeSettings.resolve(session.config().serve(),
                new ServeSettings.Overrides(listen, tokenEnv, tokenFile, dedupWindow, concurrency, queue), session.environment().env());
        Duration deadline = session.deadline();
        AlertDiagnoser diagnoser = new AlertDiagnoser(session.registry(), targets -> session.connections(connections, targets),
                session.contextVariables(), session.contextName(), deadline, DiagnoseCommand.stepTimeout(deadline),
                RecordWriter.defaultDir(session.environment().env()));
        PrintWriter err = root.spec.commandLine().getErr();
        AlertReceiver receiver = new AlertReceiver(settings, session.catalog(), diagnoser, line -> log(err, line));
        InetSocketAddress bound;
        try {
            bound = receiver.start();
        } catch (IOException e) {
            throw IrmException.usage("serve: cannot listen on " + settings.listen() + ": " + e.getMessage());
        }
        log(err, "listening on http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort()
                + " (POST /alerts, GET /alerts/recent, /healthz, /metrics); " + settings.concurrency() + " at once, queue "
                + settings.queue() + ", dedup " + settings.dedupWindow().toSeconds() + " s, " + settings.sinks().size() + " sink(s), "
                + (settings.token() == null ? "no token (loopback only)" : "bearer token required"));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log(err, "stopping (SIGTERM): finishing running diagnoses");
            receiver.stop(deadline);
            log(err, "stopped");
            stopped.countDown();
        }, "irm-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            receiver.close();
        }
        return ExitCode.OK;
    }

    private static void log(PrintWriter err, String line) {
        synchronized (err) {
            err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " irm serve: " + line);
            err.flush();
        }
    }
}
