package dev.irm.testing;

import dev.irm.lab.LabEndpoints;
import dev.irm.lab.LabHome;
import dev.irm.lab.LabState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A lab started by the real {@code irm lab up} (in-process, through the same CommandLine factory as
 * {@code main}) in its own temporary {@code XDG_STATE_HOME}, {@code XDG_CONFIG_HOME} and {@code IRM_CONFIG}.
 * {@link #shared()} is one lab per test JVM (with Kafka), stopped by {@code irm lab down} at JVM shutdown;
 * {@link #start} a private one the caller stops with {@link #down}. Run irm against it with {@link #irm}
 * ({@code irm("--context", "lab", "diagnose", "all")}) or {@link #cli()}; the parts are in {@link #endpoints()}.
 */
public final class LabFixture {
    private static LabFixture shared;

    private final Path home;
    private final Map<String, String> env;
    private final IrmCli.Result up;

    private LabFixture(Path home, Map<String, String> env, IrmCli.Result up) {
        this.home = home;
        this.env = env;
        this.up = up;
    }

    /** The lab of this test JVM, with every part; the first call starts it (~30 s), a shutdown hook runs lab down. */
    public static synchronized LabFixture shared() {
        if (shared == null) {
            LabFixture lab = start();
            Runtime.getRuntime().addShutdownHook(new Thread(lab::down, "irm-test-lab-down"));
            shared = lab;
        }
        return shared;
    }

    /** A lab of the caller's ({@code upArgs} go to {@code irm lab up}, e.g. {@code --without kafka}); the caller calls down(). */
    public static LabFixture start(String... upArgs) {
        ReferenceApp.build();
        try {
            Path home = Files.createTempDirectory("irm-lab-");
            String cache = System.getenv("XDG_CACHE_HOME");
            Map<String, String> env = Map.of(
                    // the real cache: the app's image is packed once per machine, as for the other tests
                    "XDG_CACHE_HOME", cache != null && !cache.isBlank() ? cache : System.getProperty("user.home") + "/.cache",
                    "XDG_STATE_HOME", home.resolve("state").toString(),
                    "XDG_CONFIG_HOME", home.resolve("config").toString(),
                    "IRM_CONFIG", home.resolve("config/irm/config.yaml").toString());
            List<String> args = new ArrayList<>(List.of("lab", "up"));
            args.addAll(List.of(upArgs));
            IrmCli.Result up = cli(env).run(args.toArray(String[]::new));
            LabFixture lab = new LabFixture(home, env, up);
            if (up.code() != 0) {
                lab.down();
                throw new IllegalStateException("irm lab up failed: " + up);
            }
            return lab;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code irm lab up} said. */
    public IrmCli.Result upResult() {
        return up;
    }

    /** XDG_STATE_HOME, XDG_CONFIG_HOME and IRM_CONFIG of this lab: the environment to run irm against it. */
    public Map<String, String> env() {
        return env;
    }

    /** A new in-process irm with this lab's environment (more variables can be added to it). */
    public IrmCli cli() {
        return cli(env);
    }

    private static IrmCli cli(Map<String, String> env) {
        IrmCli cli = new IrmCli();
        env.forEach(cli::env);
        return cli;
    }

    /** Runs one irm command against this lab, e.g. {@code irm("--context", "lab", "diagnose", "all", "-o", "json")}. */
    public IrmCli.Result irm(String... args) {
        return cli().run(args);
    }

    /** The lab's folder ({@code $XDG_STATE_HOME/irm/lab}). */
    public Path stateDir() {
        return LabHome.stateDir(env);
    }

    /** What lab up recorded; throws when the lab is down. */
    public LabState state() {
        return LabState.read(stateDir()).orElseThrow(() -> new IllegalStateException("the lab is not up"));
    }

    public LabEndpoints endpoints() {
        return state().endpoints();
    }

    /** {@code irm lab down}, then removes the temp folders; the result of lab down. */
    public IrmCli.Result down() {
        IrmCli.Result r = irm("lab", "down");
        ManagedProcess.deleteRecursively(home);
        return r;
    }
}
