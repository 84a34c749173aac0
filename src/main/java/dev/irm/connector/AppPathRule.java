package dev.irm.connector;

/**
 * An app path an action may POST to: absolute, plain segments of letters, digits and {@code . _ ~ -},
 * no {@code .} or {@code ..} segment (which would climb out of the app's declared paths), no empty
 * segment. Walked character by character: a repeated regex group overflows the stack on long input.
 */
public final class AppPathRule {
    public static final int MAX_CHARS = 512;

    private AppPathRule() {
    }

    public static boolean accepts(String value) {
        if (value.equals("/")) {
            return true;
        }
        if (value.length() > MAX_CHARS || !value.startsWith("/")) {
            return false;
        }
        String body = value.endsWith("/") ? value.substring(1, value.length() - 1) : value.substring(1);
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '~' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }
}
