package dev.irm.runbook;

import com.fasterxml.jackson.annotation.JsonValue;

/** The four typed step kinds. Diagnostic and verification steps may only use read actions. */
public enum StepKind {
    DIAGNOSTIC, MITIGATION, VERIFICATION, MANUAL;

    public boolean readOnly() {
        return this == DIAGNOSTIC || this == VERIFICATION;
    }

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
