package dev.irm.runbook;

import java.time.Duration;

/** Incident severity of the manuals (seed 000 §1): each level carries its response time. */
public enum Severity {
    P0(Duration.ofMinutes(5), "whole service down"),
    P1(Duration.ofMinutes(15), "core feature down"),
    P2(Duration.ofHours(1), "partial degradation"),
    P3(Duration.ofHours(4), "minor");

    private final Duration responseTime;
    private final String meaning;

    Severity(Duration responseTime, String meaning) {
        this.responseTime = responseTime;
        this.meaning = meaning;
    }

    public Duration responseTime() {
        return responseTime;
    }

    public String meaning() {
        return meaning;
    }
}
