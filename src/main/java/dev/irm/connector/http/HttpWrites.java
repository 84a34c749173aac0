package dev.irm.connector.http;

import dev.irm.connector.Args;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import dev.irm.connector.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code http.post}: one POST to an app path the runbook names, with {@code Authorization: Bearer}
 * from the {@code token} setting. The preview says a token will be sent, never the token; answers
 * are scrubbed of it before they are shown or recorded.
 */
final class HttpWrites {
    private static final int SHOWN_BODY = 200;

    private HttpWrites() {
    }

    static Preview previewPost(HttpEndpoints endpoints, Args args) {
        String path = args.string("path");
        AppPaths.check(path);
        String auth = endpoints.token() != null ? "with Authorization: Bearer *** (the admin token from IRM_ADMIN_TOKEN)"
                : "without a token (IRM_ADMIN_TOKEN is not set: the app may answer 401)";
        return Preview.of("POST " + endpoints.appShown() + path + " " + auth,
                "one POST to the app at " + endpoints.appShown() + "; what it changes is up to the app's " + path + " handler",
                1, path);
    }

    static Observation post(HttpClient client, HttpEndpoints endpoints, Duration timeout, Args args, Consent consent) {
        if (consent == null) {
            throw new IllegalStateException("a write needs consent");
        }
        String path = args.string("path");
        AppPaths.check(path);
        URI uri = HttpEndpoints.at(endpoints.app(), path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json");
        if (endpoints.token() != null) {
            request.header("Authorization", "Bearer " + endpoints.token());
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("POST " + endpoints.appShown() + path + ": interrupted");
        } catch (IOException e) {
            throw new IllegalStateException("POST " + endpoints.appShown() + path + ": " + ReadOnlyHttp.cause(e, timeout));
        }
        String body = Secrets.scrub(response.body() == null ? "" : response.body().strip(), List.of(nullToEmpty(endpoints.token())));
        if (body.length() > SHOWN_BODY) {
            body = body.substring(0, SHOWN_BODY) + "…";
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + endpoints.appShown() + path + " answered HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + body));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("http_status", (long) response.statusCode());
        m.put("body", body);
        m.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
        return Observation.of(m);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
