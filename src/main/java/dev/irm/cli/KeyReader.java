package dev.irm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/** Single keys and short lines from a raw-mode terminal. End of input reads as 'q' (quit). */
final class KeyReader implements AutoCloseable {
    static final int END = -1;

    private final Terminal terminal;
    private final Attributes saved;
    private final Thread restoreOnExit;

    KeyReader(Terminal terminal) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        // Ctrl-C still signals (ISIG stays on): give the person their terminal back on the way out
        this.restoreOnExit = new Thread(() -> terminal.setAttributes(saved), "irm-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    PrintWriter out() {
        return terminal.writer();
    }

    /** One key, lower-cased; Enter is '\n'. */
    int key() {
        try {
            terminal.flush();
            int c = terminal.reader().read();
            if (c == '\r') {
                return '\n';
            }
            return c < 0 ? END : Character.toLowerCase(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line typed after {@code prompt}, echoed as typed; null at end of input or Escape. */
    String line(String prompt) {
        PrintWriter out = out();
        out.print(prompt);
        StringBuilder typed = new StringBuilder();
        while (true) {
            int c;
            try {
                terminal.flush();
                c = terminal.reader().read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (c < 0 || c == 27 || c == 3) {
                out.println();
                return null;
            }
            if (c == '\r' || c == '\n') {
                out.println();
                return typed.toString().strip();
            }
            if (c == 127 || c == 8) {
                if (typed.length() > 0) {
                    typed.setLength(typed.length() - 1);
                    out.print("\b \b");
                }
                continue;
            }
            if (c >= 32) {
                typed.append((char) c);
                out.print((char) c);
            }
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: it restores the same attributes
        }
        terminal.setAttributes(saved);
        terminal.flush();
    }
}
