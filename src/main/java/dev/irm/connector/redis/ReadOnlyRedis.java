package dev.irm.connector.redis;

import dev.irm.connector.Secrets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/** The only door diagnostics have to Redis: every command passes {@link RedisReadPolicy} first; secret settings never come out. */
final class ReadOnlyRedis {
    private final Jedis jedis;

    ReadOnlyRedis(Jedis jedis) {
        this.jedis = jedis;
    }

    Object call(String... argv) {
        RedisReadPolicy.check(argv);
        String[] rest = new String[argv.length - 1];
        System.arraycopy(argv, 1, rest, 0, rest.length);
        Object reply = decode(jedis.sendCommand(command(argv[0]), rest));
        return argv.length > 1 && argv[0].equalsIgnoreCase("config") && argv[1].equalsIgnoreCase("get") ? redactConfig(reply) : reply;
    }

    /** CONFIG GET answers name, value, name, value...: secret-bearing values (requirepass, masterauth, ...) become ***. */
    static Object redactConfig(Object reply) {
        if (!(reply instanceof List<?> pairs)) {
            return reply;
        }
        List<Object> out = new ArrayList<>(pairs);
        for (int i = 0; i + 1 < out.size(); i += 2) {
            if (Secrets.isSecretSetting(String.valueOf(out.get(i))) && out.get(i + 1) != null && !String.valueOf(out.get(i + 1)).isEmpty()) {
                out.set(i + 1, "***");
            }
        }
        return out;
    }

    String text(String... argv) {
        Object o = call(argv);
        return o == null ? null : o.toString();
    }

    long number(String... argv) {
        Object o = call(argv);
        if (o instanceof Long l) {
            return l;
        }
        return o == null ? 0 : Long.parseLong(o.toString());
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String... argv) {
        Object o = call(argv);
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static ProtocolCommand command(String name) {
        byte[] raw = SafeEncoder.encode(name.toUpperCase(java.util.Locale.ROOT));
        return () -> raw;
    }

    static Object decode(Object reply) {
        if (reply instanceof byte[] bytes) {
            return SafeEncoder.encode(bytes);
        }
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(decode(item)));
            return out;
        }
        return reply;
    }
}
