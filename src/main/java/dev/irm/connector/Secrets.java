package dev.irm.connector;

import java.util.Locale;
import java.util.regex.Pattern;

/** Keeps passwords out of everything shown, logged or recorded. */
public final class Secrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)([^@/\\s]+)(@)");
    private static final Pattern PLAIN_USER = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)((?:password|passwd|pwd|secret|token)=)([^&;\\s]+)");

    private Secrets() {
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("jaas.config")
                || k.contains("credential");
    }

    /**
     * Whether a server setting carries a secret by its name: Redis {@code requirepass},
     * {@code masterauth}, {@code tls-key-file-pass}; MySQL/MariaDB {@code wsrep_sst_auth},
     * {@code authentication_string}; Kafka {@code sasl.jaas.config}, {@code ssl.key.password}.
     */
    public static boolean isSecretSetting(String name) {
        String k = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return isSecretKey(k) || k.contains("pass") || k.contains("auth") || k.contains("jaas") || k.contains("private");
    }

    /**
     * A URL with the password of its user-info replaced by {@code ***}, found by parsing, not by a
     * pattern: the user-info runs from {@code ://} to the LAST {@code @} (a host has none), so a
     * password holding {@code /}, {@code :}, {@code @}, spaces or anything else is masked whole.
     * A user-info without {@code :}, or whose user part is not a plain name, is masked entirely
 * (Redis reads a lone user-info as the password).
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme + 3) {
            return redactUrl(url);
        }
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        // a user name is shown only when it is plainly one; anything odd may be part of the password
        boolean plainUser = isPlainUser(user) || user.isEmpty() && colon == 0;
        return url.substring(0, scheme + 3) + (colon < 0 || !plainUser ? "***" : user + ":***") + "@" + redactUrl(url.substring(at + 1));
    }

    /** A user name that can be shown: letters, digits and {@code ._~-} only. */
    public static boolean isPlainUser(String user) {
        return user != null && PLAIN_USER.matcher(user).matches();
    }

    /** Why a URL did not parse, without echoing the URL (java.net.URI's message quotes it whole, password and all). */
    public static String uriProblem(Exception e) {
        if (e.getCause() instanceof java.net.URISyntaxException syntax) {
            return syntax.getReason() + (syntax.getIndex() >= 0 ? " at character " + (syntax.getIndex() + 1) : "");
        }
        if (e instanceof java.net.URISyntaxException syntax) {
            return syntax.getReason() + (syntax.getIndex() >= 0 ? " at character " + (syntax.getIndex() + 1) : "");
        }
        return String.valueOf(e.getMessage()).contains("://") ? "not a valid URL" : e.getMessage();
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
