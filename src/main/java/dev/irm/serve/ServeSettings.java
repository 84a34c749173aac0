package dev.irm.serve;

import dev.irm.config.ServeConfig;
import dev.irm.support.Durations;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code irm serve}'s settings once the config's {@code serve:} section and the CLI are merged and
 * checked. {@code token} holds the bearer token's bytes (null: no token, allowed on loopback only).
 */
public record ServeSettings(InetSocketAddress listen, byte[] token, Duration dedupWindow, int concurrency, int queue,
                            int maxBodyBytes, int recent, int retries, List<Sink> sinks, Map<String, String> aliases) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:9097";
    public static final String DEFAULT_TOKEN_ENV = "IRM_SERVE_TOKEN";

    public ServeSettings {
        sinks = List.copyOf(sinks);
        aliases = Map.copyOf(aliases);
    }

    /** CLI values; null where not given. */
    public record Overrides(String listen, String tokenEnv, Path tokenFile, String dedupWindow, Integer concurrency, Integer queue) {
    }

    public static ServeSettings resolve(ServeConfig config, Overrides cli, Map<String, String> env) {
        ServeConfig c = config == null ? ServeConfig.empty() : config;
        InetSocketAddress listen = address(first(cli.listen(), c.listen(), DEFAULT_LISTEN));
        byte[] token = token(cli, c, env);
        if (token == null && !listen.getAddress().isLoopbackAddress()) {
            throw IrmException.usage("serve: listening on " + listen.getAddress().getHostAddress()
                    + " needs a bearer token (--token-file, or $" + DEFAULT_TOKEN_ENV + ", or serve.tokenEnv/tokenFile in the config)");
        }
        Duration window = duration("dedup window", first(cli.dedupWindow(), c.dedupWindow(), "5m"));
        int concurrency = positive("concurrency", first(cli.concurrency(), c.concurrency(), 2));
        int queue = positive("queue", first(cli.queue(), c.queue(), 100));
        int maxBody = positive("serve.maxBodyBytes", first(null, c.maxBodyBytes(), 1024 * 1024));
        int recent = positive("serve.recent", first(null, c.recent(), 100));
        int retries = first(null, c.retries(), 3);
        if (retries < 0 || retries > 10) {
            throw IrmException.usage("serve.retries: " + retries + " is not between 0 and 10");
        }
        return new ServeSettings(listen, token, window, concurrency, queue, maxBody, recent, retries, sinks(c, env), c.aliases());
    }

    private static byte[] token(Overrides cli, ServeConfig c, Map<String, String> env) {
        Path file = cli.tokenFile() != null ? cli.tokenFile() : c.tokenFile() != null ? Path.of(c.tokenFile()) : null;
        if (file != null) {
            try {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw IrmException.usage("serve: token file " + file + " is empty");
                }
                return token.getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw IrmException.usage("serve: cannot read token file " + file + ": " + e.getClass().getSimpleName());
            }
        }
        String name = first(cli.tokenEnv(), c.tokenEnv(), DEFAULT_TOKEN_ENV);
        String token = env.get(name);
        if (token == null || token.isBlank()) {
            if (cli.tokenEnv() != null || c.tokenEnv() != null) {
                throw IrmException.usage("serve: $" + name + " (the bearer token) is not set");
            }
            return null;
        }
        return token.strip().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Sink> sinks(ServeConfig c, Map<String, String> env) {
        List<Sink> sinks = new ArrayList<>();
        for (int i = 0; i < c.sinks().size(); i++) {
            ServeConfig.Sink s = c.sinks().get(i);
            String name = s.name() != null ? s.name() : (s.type() == null ? "sink" : s.type()) + "-" + (i + 1);
            String url = s.url() != null ? s.url() : s.urlEnv() != null ? env.get(s.urlEnv()) : null;
            if (url == null || url.isBlank()) {
                throw IrmException.usage("serve.sinks[" + i + "] (" + name + "): no url"
                        + (s.urlEnv() != null ? " ($" + s.urlEnv() + " is not set)" : " (give url or urlEnv)"));
            }
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw IrmException.usage("serve.sinks[" + i + "] (" + name + "): not a URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw IrmException.usage("serve.sinks[" + i + "] (" + name + "): an http or https URL is needed");
            }
            String type = s.type() == null ? "webhook" : s.type();
            sinks.add(switch (type) {
                case "webhook" -> new Sink.Webhook(name, uri);
                case "slack" -> new Sink.Slack(name, uri);
                default -> throw IrmException.usage("serve.sinks[" + i + "].type: '" + type + "', expected webhook or slack");
            });
        }
        return sinks;
    }

    static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw IrmException.usage("--listen " + listen + ": expected ADDR:PORT, e.g. 127.0.0.1:9097");
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|\\]$", "");
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw IrmException.usage("--listen " + listen + ": port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw IrmException.usage("--listen " + listen + ": port out of range");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw IrmException.usage("--listen " + listen + ": unknown address " + host);
        }
    }

    private static Duration duration(String what, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw IrmException.usage(what + ": " + e.getMessage());
        }
    }

    private static int positive(String what, int value) {
        if (value < 1) {
            throw IrmException.usage(what + ": " + value + " is not a positive number");
        }
        return value;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
