package dev.irm.connector.redis;

import java.io.IOException;
import dev.irm.connector.TrainingPeer;
import java.util.Map;
import java.nio.file.Path;
import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.Actions;
import dev.irm.connector.Risk;
import dev.irm.connector.Connector;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.NetworkFailures;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    static final Actions<RedisConnector.Session, RedisConnector.Writer> ACTIONS = Actions.<RedisConnector.Session, RedisConnector.Writer>of(T)
            .read("ping", "PING round trip", (s, a) -> RedisReads.ping(s.redis(), a))
            .read("info", "INFO (all sections) with used_pct and keys derived, and the hit ratio over a recent window "
                            + "(hit_ratio_pct, hit_lookups, hit_window; since start only when no window could be taken)",
                    (s, a) -> RedisReads.info(s.redis(), a, s.hits()),
                    Param.optional("section", "INFO section (default: everything)"),
                    Param.optional("window", "hit-ratio window: INFO stats samples up to this far apart (default 1s, at most 10s; 0s: since start); from a fifth of it on it ends once the lookups tell").as(ParamType.DURATION)
                            .checkedBy(HitWindow::checkWindow),
                    Param.optional("min_lookups", "lookups the window needs to be judged (default 100); fewer is too little traffic, not a since-start judgement").as(ParamType.INTEGER),
                    Param.optional("enough_lookups", "lookups that end the window early (default 10 × min_lookups)").as(ParamType.INTEGER))
            .read("key", "TYPE-aware size, TTL and oldest sorted-set member age of one key", (s, a) -> RedisReads.key(s.redis(), a),
                    Param.required("key", "key name"))
            .read("scan-count", "count keys matching a pattern with SCAN, sample their TTLs", (s, a) -> RedisReads.scanCount(s.redis(), a),
                    Param.required("pattern", "glob pattern").checkedBy(RedisConnectorFactory::pattern),
                    Param.optional("limit", "stop counting after this many keys").as(ParamType.INTEGER),
                    Param.optional("sample", "how many TTLs to sample").as(ParamType.INTEGER))
            .read("bigkeys", "biggest keys of a SCAN sample by MEMORY USAGE", (s, a) -> RedisReads.bigKeys(s.redis(), a),
                    Param.optional("sample", "keys to sample (default 1000)").as(ParamType.INTEGER), Param.optional("top", "rows to keep (default 10)").as(ParamType.INTEGER))
            .read("slowlog", "SLOWLOG GET", (s, a) -> RedisReads.slowlog(s.redis(), a), Param.optional("count", "entries (default 10)").as(ParamType.INTEGER))
            .read("config-get", "CONFIG GET one parameter", (s, a) -> RedisReads.configGet(s.redis(), a),
                    Param.required("parameter", "e.g. maxmemory-policy"))
            .read("command", "any allow-listed read-only command", (s, a) -> RedisReads.command(s.redis(), a),
                    Param.required("argv", "command and arguments, as a list").as(ParamType.LIST).checkedBy(RedisConnectorFactory::readOnlyArgv))
            .write("delete-pattern", Risk.MEDIUM, "delete keys matching a pattern: SCAN + UNLINK in batches",
                    (s, a) -> RedisWrites.previewDeletePattern(s.redis(), a, s.endpoint()),
                    (w, a, consent) -> RedisWrites.deletePattern(w.jedis(), w.redis(), a, consent),
                    Param.required("pattern", "glob pattern").checkedBy(RedisConnectorFactory::pattern),
                    Param.optional("batch", "keys per UNLINK (default 500)").as(ParamType.INTEGER))
            .write("delete-keys", Risk.MEDIUM, "UNLINK named keys", (s, a) -> RedisWrites.previewDeleteKeys(s.redis(), a, s.endpoint()),
                    (w, a, consent) -> RedisWrites.deleteKeys(w.jedis(), a, consent), Param.required("keys", "key names (list)").as(ParamType.LIST))
            .write("config-set", Risk.MEDIUM, "CONFIG SET maxmemory-policy or maxmemory",
                    (s, a) -> RedisWrites.previewConfigSet(s.redis(), a, s.endpoint()),
                    (w, a, consent) -> RedisWrites.configSet(w.jedis(), a, consent),
                    Param.required("parameter", "maxmemory-policy or maxmemory").checkedBy(RedisWrites::checkParameter),
                    Param.required("value", "new value"))
            .write("flushdb", Risk.HIGH, "FLUSHDB: delete every key of the database", (s, a) -> RedisWrites.previewFlushDb(s.redis(), s.endpoint()),
                    (w, a, consent) -> RedisWrites.flushDb(w.jedis(), consent));

    public RedisConnectorFactory() {
        super(T, 10, SETTINGS, ACTIONS.specs());
    }

    @Override
    public Map<String, String> trainingSettings(String closedHostPort, Path scratch) {
        return Map.of("url", "redis://" + closedHostPort);
    }

    @Override
    public TrainingPeer trainingPeer(Path scratch) throws IOException {
        return new RedisTrainingPeer();
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
