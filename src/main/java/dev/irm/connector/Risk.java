package dev.irm.connector;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much a mitigation can hurt. HIGH asks the operator to type the target's name. */
public enum Risk {
    LOW, MEDIUM, HIGH;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
