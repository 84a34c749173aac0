package dev.irm.connector;

import java.util.List;
import java.util.Map;

/**
 * The blast radius of a write action, computed read-only before anyone is asked: the resolved
 * command, what and how much it touches, and a sample of it. {@code confirmWord} is what a
 * HIGH-risk confirmation must type (a resource name).
 */
public record Preview(String command, String blastRadius, long affected, List<Map<String, Object>> sample, String confirmWord) {

    public Preview {
        sample = sample == null ? List.of() : List.copyOf(sample);
    }

    public static Preview of(String command, String blastRadius, long affected, String confirmWord) {
        return new Preview(command, blastRadius, affected, List.of(), confirmWord);
    }
}
