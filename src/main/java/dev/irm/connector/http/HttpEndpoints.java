package dev.irm.connector.http;

import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The app and Prometheus base URLs of the http target, and the admin token kept apart: the token
 * goes into one request header and nowhere else ({@link #toString()} names only the URLs).
 */
record HttpEndpoints(URI app, URI prometheus, String token) {
    static final String DEFAULT_APP = "http://127.0.0.1:8080";
    static final String DEFAULT_PROMETHEUS = "http://127.0.0.1:9090";

    /** Throws IllegalArgumentException with one line naming the option, e.g. {@code bad --app URL 'x': ...}. */
    static HttpEndpoints of(TargetSettings settings) {
        URI app = base(settings.get("app", DEFAULT_APP), "--app", "IRM_APP_URL");
        URI prometheus = base(settings.get("prometheus", DEFAULT_PROMETHEUS), "--prometheus", "IRM_PROMETHEUS_URL");
        String token = settings.get("token");
        return new HttpEndpoints(app, prometheus, token == null || token.isBlank() ? null : token.strip());
    }

    private static URI base(String url, String option, String env) {
        String shown = Secrets.maskUrl(url);
        String problem;
        try {
            URI uri = new URI(url.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                problem = "expected http:// or https://";
            } else if (uri.getHost() == null) {
                problem = "no host";
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem = "a base URL takes no query or fragment";
            } else {
                String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
                return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path);
            }
        } catch (URISyntaxException e) {
            problem = e.getReason();
        }
        throw new IllegalArgumentException("bad " + option + " URL '" + shown + "' (" + option + " / " + env + "): " + problem);
    }

    /** {@code base + path}; the path is one of the checked app or Prometheus paths, so the host never changes. */
    static URI at(URI base, String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    String appShown() {
        return Secrets.maskUrl(app.toString());
    }

    String prometheusShown() {
        return Secrets.maskUrl(prometheus.toString());
    }

    @Override
    public String toString() {
        return "app " + appShown() + ", prometheus " + prometheusShown();
    }
}
