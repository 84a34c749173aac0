package dev.irm.connector;

import java.util.Locale;
import java.util.regex.Pattern;

/** Keeps passwords out of everything shown, logged or recorded. */
public final class Secrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)([^@/\\s]+)(@)");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)((?:password|passwd|pwd|secret|token)=)([^&;\\s]+)");

    private Secrets() {
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("jaas.config")
                || k.contains("credential");
    }

    public static String redactUrl(String text) {
        if (text == null) {
            return null;
        }
        String out = URL_PASSWORD.matcher(text).replaceAll("$1***$3");
        return QUERY_PASSWORD.matcher(out).replaceAll("$1***");
    }

    /** Replaces every occurrence of known secret values in a message (e.g. a driver's error text). */
    public static String scrub(String message, Iterable<String> secrets) {
        if (message == null) {
            return null;
        }
        String out = redactUrl(message);
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }
}
