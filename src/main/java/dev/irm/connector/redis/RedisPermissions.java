package dev.irm.connector.redis;

import dev.irm.connector.PermissionDeniedException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.exceptions.JedisDataException;

/** Turns a Redis ACL refusal (NOPERM) into one line naming the missing rule. */
final class RedisPermissions {
    /** "NOPERM User u has no permissions to run the 'slowlog|len' command" (Redis 7). */
    private static final Pattern COMMAND = Pattern.compile("run the '([^']+)' command");

    private RedisPermissions() {
    }

    static RuntimeException translate(JedisDataException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.startsWith("NOPERM")) {
            return e;
        }
        Matcher m = COMMAND.matcher(message);
        if (m.find()) {
            String command = m.group(1).toLowerCase(Locale.ROOT);
            return new PermissionDeniedException("permission missing: the Redis user may not run " + command.replace('|', ' ').toUpperCase(Locale.ROOT)
                    + " (NOPERM; add ACL rule +" + command + ", " + PermissionDeniedException.DOC + ")");
        }
        return new PermissionDeniedException("permission missing: " + message.substring("NOPERM".length()).strip()
                + " (NOPERM; the ACL needs read access to the keys, e.g. %R~*, " + PermissionDeniedException.DOC + ")");
    }
}
