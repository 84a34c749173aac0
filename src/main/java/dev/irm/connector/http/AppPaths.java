package dev.irm.connector.http;

import dev.irm.connector.AppPathRule;
import dev.irm.support.BoundedInput;
import java.util.regex.Pattern;

/**
 * Which app paths an action may name: an absolute path of plain segments, so the request always
 * goes to the configured app host (no scheme, host, {@code .} or {@code ..} segment, query or encoded characters; walked, not matched by a repeated group).
 */
final class AppPaths {
    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** The value may hold braces: Spring MVC tags requests with the URI template ({@code uri:/api/concerts/{id}/seats}). */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._-]{1,64}:[A-Za-z0-9._~:/{}-]{1,128}");

    private AppPaths() {
    }

    static void check(Object value) {
        String path = value == null ? "" : value.toString();
        if (!AppPathRule.accepts(path)) {
            throw new IllegalArgumentException("path '" + BoundedInput.echo(path) + "' must be an app path such as /admin/queue/activate"
                    + " (plain segments of letters, digits, . _ ~ -; no host, query or ..)");
        }
    }

    static void metricName(Object value) {
        if (value == null || !METRIC.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("metric name '" + value + "' must be letters, digits, '.', '_' or '-'");
        }
    }

    /** An actuator tag filter, {@code KEY:VALUE}. */
    static void tag(String value) {
        if (!TAG.matcher(value).matches()) {
            throw new IllegalArgumentException("tag '" + value + "' must be KEY:VALUE (letters, digits, . _ - and : / ~ { } in the value)");
        }
    }
}
