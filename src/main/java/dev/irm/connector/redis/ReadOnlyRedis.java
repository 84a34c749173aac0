package dev.irm.connector.redis;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/** The only door diagnostics have to Redis: every command passes {@link RedisReadPolicy} first. */
final class ReadOnlyRedis {
    private final Jedis jedis;

    ReadOnlyRedis(Jedis jedis) {
        this.jedis = jedis;
    }

    Object call(String... argv) {
        RedisReadPolicy.check(argv);
        String[] rest = new String[argv.length - 1];
        System.arraycopy(argv, 1, rest, 0, rest.length);
        return decode(jedis.sendCommand(command(argv[0]), rest));
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
