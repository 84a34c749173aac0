package dev.irm.connector.redis;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.Risk;
import dev.irm.connector.Connector;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.NetworkFailures;
import dev.irm.connector.Param;
import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Redis through jedis: one connection, connect and socket timeouts from the settings. */
public final class RedisConnectorFactory extends BaseConnectorFactory {
    private static final String T = "redis";
    private static final List<ConnectionSetting> SETTINGS = List.of(
            ConnectionSetting.of("url").option("URL", "Redis URL (redis:// or rediss:// for TLS).", "--redis")
                    .env("IRM_REDIS_URL").defaultValue("redis://127.0.0.1:6379"),
            ConnectionSetting.of("password").env("IRM_REDIS_PASSWORD").asSecret());
    private static final List<ActionSpec> ACTIONS = List.of(
            ActionSpec.read(T, "ping", "PING round trip"),
            ActionSpec.read(T, "info", "INFO (all sections) with used_pct and keys derived, and the hit ratio over a recent window "
                            + "(hit_ratio_pct, hit_lookups, hit_window; since start when the window saw too few lookups)",
                    Param.optional("section", "INFO section (default: everything)"),
                    Param.optional("window", "hit-ratio window: two INFO stats samples this far apart (default 1s, at most 10s; 0s: since start)")
                            .checkedBy(HitWindow::checkWindow),
                    Param.optional("min_lookups", "lookups the window needs to be judged (default 100), else since start")),
            ActionSpec.read(T, "key", "TYPE-aware size, TTL and oldest sorted-set member age of one key",
                    Param.required("key", "key name")),
            ActionSpec.read(T, "scan-count", "count keys matching a pattern with SCAN, sample their TTLs",
                    Param.required("pattern", "glob pattern").checkedBy(RedisConnectorFactory::pattern),
                    Param.optional("limit", "stop counting after this many keys"),
                    Param.optional("sample", "how many TTLs to sample")),
            ActionSpec.read(T, "bigkeys", "biggest keys of a SCAN sample by MEMORY USAGE",
                    Param.optional("sample", "keys to sample (default 1000)"), Param.optional("top", "rows to keep (default 10)")),
            ActionSpec.read(T, "slowlog", "SLOWLOG GET", Param.optional("count", "entries (default 10)")),
            ActionSpec.read(T, "config-get", "CONFIG GET one parameter", Param.required("parameter", "e.g. maxmemory-policy")),
            ActionSpec.read(T, "command", "any allow-listed read-only command",
                    Param.required("argv", "command and arguments, as a list").checkedBy(RedisConnectorFactory::readOnlyArgv)),
            ActionSpec.write(T, "delete-pattern", Risk.MEDIUM, "delete keys matching a pattern: SCAN + UNLINK in batches",
                    Param.required("pattern", "glob pattern").checkedBy(RedisConnectorFactory::pattern),
                    Param.optional("batch", "keys per UNLINK (default 500)")),
            ActionSpec.write(T, "delete-keys", Risk.MEDIUM, "UNLINK named keys", Param.required("keys", "key names (list)")),
            ActionSpec.write(T, "config-set", Risk.MEDIUM, "CONFIG SET maxmemory-policy or maxmemory",
                    Param.required("parameter", "maxmemory-policy or maxmemory").checkedBy(RedisWrites::checkParameter),
                    Param.required("value", "new value")),
            ActionSpec.write(T, "flushdb", Risk.HIGH, "FLUSHDB: delete every key of the database"));

    public RedisConnectorFactory() {
        super(T, 10, SETTINGS, ACTIONS);
    }

    @Override
    public Map<String, String> trainingSettings(String closedHostPort, Path scratch) {
        return Map.of("url", "redis://" + closedHostPort);
    }

    @Override
    public String describe(TargetSettings settings) {
        try {
            return RedisEndpoint.of(settings).toString();
        } catch (IllegalArgumentException e) {
            return Secrets.maskUrl(settings.get("url", "?"));
        }
    }

    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return "redis-down";
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        RedisEndpoint endpoint;
        try {
            endpoint = RedisEndpoint.of(settings);
        } catch (IllegalArgumentException e) {
            throw new TargetUnreachableException(e.getMessage(), e);
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.timeoutMillis())
                .socketTimeoutMillis(settings.timeoutMillis())
                .database(endpoint.database())
                .clientName("irm")
                .ssl(endpoint.tls());
        if (endpoint.password() != null) {
            config.user(endpoint.user()).password(endpoint.password());
        }
        Jedis jedis = null;
        try {
            jedis = new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
            jedis.ping();
            return new RedisConnector(jedis, endpoint);
        } catch (RuntimeException e) {
            if (jedis != null) {
                try {
                    jedis.close();
                } catch (RuntimeException ignored) {
                    // already broken
                }
            }
            throw new TargetUnreachableException(cause(e, settings, endpoint), e);
        }
    }

    private static String cause(Throwable e, TargetSettings settings, RedisEndpoint endpoint) {
        for (Throwable t : NetworkFailures.chain(e)) {
            String network = NetworkFailures.describe(t, settings.timeoutMillis(), endpoint.host());
            if (network != null) {
                return network;
            }
            String m = t.getMessage() == null ? "" : t.getMessage();
            String upper = m.toUpperCase(Locale.ROOT);
            if (upper.contains("WRONGPASS") || upper.contains("NOAUTH") || upper.contains("INVALID PASSWORD") || upper.contains("AUTH")) {
                return "auth failed";
            }
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(endpoint.password());
        return Secrets.scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), secrets);
    }

    static void pattern(Object value) {
        if (value == null || value.toString().isEmpty() || value.toString().length() > 256 || value.toString().matches(".*[\\s\\x00-\\x1f].*")) {
            throw new IllegalArgumentException("pattern '" + value + "' must be 1–256 characters without spaces");
        }
    }

    static void readOnlyArgv(Object value) {
        List<String> argv = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> argv.add(String.valueOf(v)));
        } else if (value != null) {
            argv.addAll(List.of(value.toString().trim().split("\\s+")));
        }
        RedisReadPolicy.check(argv.toArray(String[]::new));
    }
}
