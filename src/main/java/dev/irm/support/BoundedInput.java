package dev.irm.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reading what a user or a server hands irm without trusting its size: only regular files (a FIFO
 * or a device would block or never end), checked against a byte limit before a byte is parsed,
 * and values echoed in messages cut short.
 */
public final class BoundedInput {
    /** Runbook files and the config file; the largest built-in runbook is about 13 KB. */
    public static final long TEXT_FILE_BYTES = 1024 * 1024;
    /** A secret read from a file (passwordFile). */
    public static final long SECRET_FILE_BYTES = 64 * 1024;
    /** A value echoed in a message is cut to this many characters. */
    public static final int ECHO_CHARS = 80;

    private BoundedInput() {
    }

    /**
     * The file's text. The {@link IOException}'s message is the reason alone, for the caller to
     * put after the file's name: not a regular file, larger than {@code maxBytes}, or unreadable.
     */
    public static String readRegularFile(Path file, long maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "not a regular file" : "no such file");
        }
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, Math.min(size, maxBytes) + 1));
            if (size > maxBytes || bytes.length > maxBytes) {
                throw new IOException(Math.max(size, bytes.length) + " bytes, more than the " + maxBytes + " allowed");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw e.getMessage() == null ? new IOException(e.getClass().getSimpleName()) : e;
        }
    }

    /**
     * One line of a text protocol without its LF (or CR LF), read byte by byte (so the stream stays where the line
     * ends); null at the end of the stream before any byte. A line longer than {@code maxBytes} is an
     * {@link IOException}, not an unbounded buffer.
     */
    public static String readLine(InputStream in, int maxBytes) throws IOException {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (buf.size() >= maxBytes) {
                throw new IOException("a line longer than " + maxBytes + " bytes");
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
    }

    /** A message is one line of at most this many characters. */
    public static final int LINE_CHARS = 500;

    /**
     * A message as one line: control characters and line breaks become spaces, any run of more
     * than {@link #ECHO_CHARS} characters without a space (a value) is cut, and the whole at
     * {@link #LINE_CHARS}. A 3 MB value in a runbook yields a message, not 3 MB of message.
     */
    public static String line(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), LINE_CHARS + 1));
        int run = 0;
        for (int i = 0; i < message.length() && out.length() < LINE_CHARS; i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                c = ' ';
            }
            run = c == ' ' ? 0 : run + 1;
            if (run <= ECHO_CHARS) {
                out.append(c);
            } else if (run == ECHO_CHARS + 1) {
                out.append('…');
            }
        }
        if (out.length() >= LINE_CHARS) {
            out.append('…');
        }
        return out.toString();
    }

    /** A value for a message: at most {@link #ECHO_CHARS} characters, control characters shown as '?'. */
    public static String echo(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), ECHO_CHARS + 1));
        int shown = 0;
        for (int i = 0; i < text.length() && shown < ECHO_CHARS; i++, shown++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > ECHO_CHARS) {
            out.append("…");
        }
        return out.toString();
    }
}
