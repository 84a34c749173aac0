package dev.irm.engine;

/** A check at WARNING or above, as listed worst-first in reports. */
public record Finding(String target, String check, Status severity, String summary, String runbook) {

    public static Finding of(CheckResult r) {
        return new Finding(r.target(), r.id(), r.status(), r.summary(), r.runbook());
    }
}
