package dev.irm.render;

import dev.irm.engine.DiagnoseResult;
import dev.irm.support.Json;

/** Every format of {@code irm diagnose -o FORMAT} (CONTRACT.md): text (default), json, prometheus, junit. */
public final class DiagnoseRenderers {
    public static final Renderers<DiagnoseResult> ALL = Renderers.<DiagnoseResult>builder()
            .add("text", (result, c) -> new DiagnoseText(c.style()).render(result, c.context()))
            .add("json", (result, c) -> Json.pretty(DiagnoseReport.of(c.command(), c.context(), result)) + "\n")
            .add("prometheus", new DiagnosePrometheus())
            .add("junit", new DiagnoseJunit())
            .build();

    private DiagnoseRenderers() {
    }
}
