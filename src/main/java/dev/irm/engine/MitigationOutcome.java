package dev.irm.engine;

import dev.irm.connector.Preview;
import java.util.Map;

/** What became of one mitigation step. */
public record MitigationOutcome(String step, String title, Decision decision, Preview preview, String message,
                                Map<String, Object> result) {

    /** The decisions a mitigation can end in. */
    public enum Decision {
        EXECUTED, FAILED, DRY_RUN, DECLINED, REFUSED, NOT_SELECTED, SKIPPED;

        /** Refused or declined: the run ends with exit 4. */
        public boolean blocked() {
            return this == DECLINED || this == REFUSED;
        }
    }
}
