package dev.irm.runbook;

import java.util.Map;

/**
 * Renders a text template part by part: each {@code ${...}} / {@code #{...}} that can be filled is
 * filled, each that cannot (an incident field not known yet, a step that did not run: an error or
 * null) becomes
 * {@value #UNKNOWN}, so a message is never printed raw because of one missing reference.
 */
public final class LenientTemplate {
    public static final String UNKNOWN = "‹unknown›";

    private LenientTemplate() {
    }

    public static String render(String template, Map<String, Object> scope) {
        if (template == null || !Expressions.isTemplate(template)) {
            return template;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int start = nextReference(template, i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            int end = closingBrace(template, start + 2);
            if (end < 0) {
                out.append(UNKNOWN);
                break;
            }
            try {
                Object value = Expressions.evaluate(template.substring(start + 2, end), scope);
                out.append(value == null ? UNKNOWN : Expressions.render(template.substring(start, end + 1), scope));
            } catch (IllegalStateException e) {
                out.append(UNKNOWN);
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int nextReference(String s, int from) {
        int dollar = s.indexOf("${", from);
        int hash = s.indexOf("#{", from);
        if (dollar < 0) {
            return hash;
        }
        return hash < 0 ? dollar : Math.min(dollar, hash);
    }

    /** The index of the brace closing the reference opened before {@code from}, skipping quoted text and nested braces. */
    private static int closingBrace(String s, int from) {
        int depth = 1;
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
