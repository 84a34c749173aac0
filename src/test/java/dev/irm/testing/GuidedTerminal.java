package dev.irm.testing;

import dev.irm.cli.CliEnvironment;
import dev.irm.cli.CommandLineFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Runs irm in-process on a jline terminal built over pipes — jline puts a real pseudo-terminal
 * between them (PosixPtyTerminal: raw mode, 140x50, xterm) — the way a person at a terminal
 * would: wait for text on the screen, then type keys. Own state and config folders.
 */
public final class GuidedTerminal implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private final PipedOutputStream keys = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int seen;
    private CompletableFuture<Integer> running;

    public GuidedTerminal() {
        try {
            home = Files.createTempDirectory("irm-guided");
            PipedInputStream in = new PipedInputStream(keys, 4096);
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (screen) {
                        screen.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (screen) {
                        screen.write(b, off, len);
                    }
                }
            };
            terminal = TerminalBuilder.builder().system(false).streams(in, sink).type("xterm-256color")
                    .encoding(StandardCharsets.UTF_8).size(new Size(140, 50)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("IRM_CONFIG", home.resolve("config.yaml").toString());
        env.put("USER", "oncall");
        env.put("HOSTNAME", "laptop");
    }

    public GuidedTerminal env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts {@code irm ARGS} on the terminal; returns at once. */
    public GuidedTerminal start(String... args) {
        CliEnvironment environment = new CliEnvironment(Map.copyOf(env), true, () -> terminal);
        running = CompletableFuture.supplyAsync(() -> CommandLineFactory.create(new PrintWriter(out, true), new PrintWriter(err, true),
                environment).execute(args));
        return this;
    }

    /** The same CLI without a terminal (for {@code irm report} after the run). */
    public IrmCli.Result plain(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = CommandLineFactory.create(new PrintWriter(o, true), new PrintWriter(e, true), new CliEnvironment(Map.copyOf(env), false))
                .execute(args);
        return new IrmCli.Result(code, o.toString(), e.toString(), 0);
    }

    /** Waits until {@code text} appears on the screen after what was already matched. */
    public GuidedTerminal expect(String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long doneAt = 0;
        while (System.nanoTime() < deadline) {
            String s = screen();
            int at = s.indexOf(text, seen);
            if (at >= 0) {
                seen = at + text.length();
                return this;
            }
            if (running != null && running.isDone()) {
                // jline pumps the pty's output on its own thread: give it a moment after irm ends
                doneAt = doneAt == 0 ? System.nanoTime() : doneAt;
                if (System.nanoTime() - doneAt > 2_000_000_000L) {
                    break;
                }
            }
            sleep();
        }
        throw new AssertionError("screen never showed '" + text + "' after offset " + seen + ":\n" + screen().substring(Math.min(seen, screen().length()))
                + "\n--- err: " + err + "\n--- finished: " + finished() + "\n--- records: " + recordLines());
    }

    /** Waits until one of {@code texts} appears after what was already matched; returns the first to appear. */
    public String expectAny(Duration wait, String... texts) {
        long deadline = System.nanoTime() + wait.toNanos();
        long doneAt = 0;
        while (System.nanoTime() < deadline) {
            String s = screen();
            int best = -1;
            String found = null;
            for (String text : texts) {
                int at = s.indexOf(text, seen);
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                    found = text;
                }
            }
            if (found != null) {
                seen = best + found.length();
                return found;
            }
            if (running != null && running.isDone()) {
                doneAt = doneAt == 0 ? System.nanoTime() : doneAt;
                if (System.nanoTime() - doneAt > 2_000_000_000L) {
                    break;
                }
            }
            sleep();
        }
        throw new AssertionError("screen never showed any of " + java.util.Arrays.toString(texts) + " after offset " + seen + ":\n"
                + screen().substring(Math.min(seen, screen().length())) + "\n--- err: " + err + "\n--- finished: " + finished());
    }

    private String recordLines() {
        try {
            StringBuilder all = new StringBuilder();
            for (Path p : records()) {
                Files.readAllLines(p).forEach(l -> all.append(l, 0, Math.min(l.length(), 160)).append('\n'));
            }
            return all.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private String finished() {
        if (running == null || !running.isDone()) {
            return "still running";
        }
        try {
            return "exit " + running.get();
        } catch (Exception e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return trace.toString();
        }
    }

    public GuidedTerminal type(String keysTyped) {
        try {
            keys.write(keysTyped.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public int exitCode() {
        try {
            return running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("irm did not finish:\n" + screen() + "\n--- err: " + err, e);
        }
    }

    /** Everything shown so far, without colour codes. */
    public String screen() {
        String raw;
        synchronized (screen) {
            raw = screen.toString(StandardCharsets.UTF_8);
        }
        return raw.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").replace("\r", "");
    }

    public String err() {
        return err.toString();
    }

    public List<Path> records() {
        Path dir = home.resolve("state").resolve("irm").resolve("records");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path auditLog() {
        return home.resolve("state").resolve("irm").resolve("audit.log");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        keys.close();
        terminal.close();
    }
}
