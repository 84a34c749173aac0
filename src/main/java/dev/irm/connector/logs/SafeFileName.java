package dev.irm.connector.logs;

/**
 * Names that come from a server (Docker container names, Kubernetes pod names) are data, not
 * paths: this turns one into a single plain file name. Every character outside
 * {@code [A-Za-z0-9_.-]} becomes {@code _} (so no {@code /} or {@code \} survives), leading dots
 * and underscores go (so neither {@code ..} nor a hidden file can result), and the length is capped.
 */
public final class SafeFileName {
    static final int MAX_LENGTH = 100;

    private SafeFileName() {
    }

    public static String of(String serverName) {
        StringBuilder out = new StringBuilder();
        String name = serverName == null ? "" : serverName;
        name.codePoints().forEach(c -> out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-') ? (char) c : '_'));
        int start = 0;
        while (start < out.length() && (out.charAt(start) == '.' || out.charAt(start) == '_')) {
            start++;
        }
        String safe = out.substring(start);
        if (safe.length() > MAX_LENGTH) {
            safe = safe.substring(0, MAX_LENGTH);
        }
        return safe.isEmpty() ? "unnamed" : safe;
    }
}
