package dev.irm.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The {@code serve:} section of the config file ({@code irm serve}); every field optional, CLI
 * options override. The bearer token is referenced ({@code tokenEnv} / {@code tokenFile}), never
 * stored; a sink's URL may be given as {@code urlEnv} since a Slack webhook URL is itself a secret.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServeConfig(String listen, String tokenEnv, String tokenFile, String dedupWindow, Integer concurrency,
                          Integer queue, Integer maxBodyBytes, Integer recent, Integer retries,
                          List<Sink> sinks, Map<String, String> aliases) {

    public ServeConfig {
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    }

    public static ServeConfig empty() {
        return new ServeConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Where findings go: {@code type} webhook (the diagnosis as JSON) or slack (an incoming-webhook message). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sink(String name, String type, String url, String urlEnv) {
    }
}
