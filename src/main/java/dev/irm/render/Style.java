package dev.irm.render;

import dev.irm.engine.Status;
import picocli.CommandLine.Help.Ansi;

/** Colour through picocli markup; plain when colour is off (no terminal, --no-color, NO_COLOR). */
public final class Style {
    private final Ansi ansi;

    public Style(boolean colour) {
        this.ansi = colour ? Ansi.ON : Ansi.OFF;
    }

    public String status(Status status) {
        String style = switch (status) {
            case OK -> "green";
            case WARNING -> "yellow";
            case CRITICAL -> "bold,red";
            case UNKNOWN -> "magenta";
            case SKIPPED -> "faint";
        };
        return paint(style, status.name());
    }

    public String bold(String text) {
        return paint("bold", text);
    }

    public String faint(String text) {
        return paint("faint", text);
    }

    public String paint(String style, String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return ansi.string("@|" + style + " " + text.replace("|@", "| @") + "|@");
    }
}
