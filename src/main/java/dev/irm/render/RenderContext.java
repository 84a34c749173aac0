package dev.irm.render;

/** What a renderer may need besides the result: the command's name, the config context, colour. */
public record RenderContext(String command, String context, Style style) {
}
