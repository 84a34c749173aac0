package dev.irm.connector.k8s;

import java.util.Map;

/**
 * Equality-based label selectors ({@code a=b}, {@code a==b}, {@code a!=b}, {@code a}, {@code !a}, comma = and), matched
 * locally against the command's pod list the way the API server would. Set-based ones cannot pass
 * {@link K8sConnectorFactory#checkSelector} (no parentheses), so they never reach here.
 */
final class LabelSelector {
    private LabelSelector() {
    }

    static boolean matches(String selector, Map<String, String> labels) {
        Map<String, String> have = labels == null ? Map.of() : labels;
        for (String raw : selector.split(",")) {
            String term = raw.trim();
            if (term.isEmpty()) {
                continue;
            }
            if (!term(term, have)) {
                return false;
            }
        }
        return true;
    }

    private static boolean term(String term, Map<String, String> have) {
        int ne = term.indexOf("!=");
        if (ne > 0) {
            return !term.substring(ne + 2).trim().equals(have.get(term.substring(0, ne).trim()));
        }
        int eq = term.indexOf('=');
        if (eq > 0) {
            String value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
            return value.equals(have.get(term.substring(0, eq).trim()));
        }
        if (term.startsWith("!")) {
            return !have.containsKey(term.substring(1).trim());
        }
        return have.containsKey(term);
    }
}
