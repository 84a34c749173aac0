package dev.irm.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The formats one kind of result can be written in, the default first; a new format is one entry here. */
public final class Renderers<T> {
    private final Map<String, Renderer<T>> byFormat;

    private Renderers(Map<String, Renderer<T>> byFormat) {
        this.byFormat = byFormat;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public List<String> formats() {
        return List.copyOf(byFormat.keySet());
    }

    /** The renderer of a format from {@link #formats()}; null for any other. */
    public Renderer<T> get(String format) {
        return byFormat.get(format);
    }

    /** Adds formats in order; the first added is the default. */
    public static final class Builder<T> {
        private final Map<String, Renderer<T>> byFormat = new LinkedHashMap<>();

        public Builder<T> add(String format, Renderer<T> renderer) {
            byFormat.put(format, renderer);
            return this;
        }

        public Renderers<T> build() {
            return new Renderers<>(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byFormat)));
        }
    }
}
