package dev.irm.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * What a command may know of the world it runs in: environment variables, whether a person is at
 * a terminal, and (only then) the jline terminal the guided mode draws on.
 */
public record CliEnvironment(Map<String, String> env, boolean terminal, Supplier<Terminal> terminals) {

    public CliEnvironment(Map<String, String> env, boolean terminal) {
        this(env, terminal, once(CliEnvironment::systemTerminal));
    }

    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), System.console() != null);
    }

    public String get(String name) {
        return env.get(name);
    }

    /** The terminal for guided mode, or null when there is none a person could use (dumb). */
    public Terminal jline() {
        if (!terminal) {
            return null;
        }
        Terminal t = terminals.get();
        return t == null || Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType()) ? null : t;
    }

    private static Terminal systemTerminal() {
        try {
            return TerminalBuilder.builder().system(true).dumb(true).encoding(java.nio.charset.StandardCharsets.UTF_8).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    /** The same terminal for every command of one process (home screen, then the run). */
    public static Supplier<Terminal> once(Supplier<Terminal> factory) {
        return new Supplier<>() {
            private Terminal terminal;

            @Override
            public synchronized Terminal get() {
                if (terminal == null) {
                    terminal = factory.get();
                }
                return terminal;
            }
        };
    }
}
