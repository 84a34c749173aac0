package dev.irm.render;

/** One output format of one kind of result: the whole text {@code -o FORMAT} writes. */
@FunctionalInterface
public interface Renderer<T> {
    String render(T value, RenderContext context);
}
