package dev.irm.connector.redis;

import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A Redis URL ({@code redis://[user:password@]host:port[/db]}, {@code rediss://} for TLS), password kept apart. */
record RedisEndpoint(String host, int port, int database, boolean tls, String user, String password, String shown) {

    static RedisEndpoint of(TargetSettings settings) {
        String url = settings.get("url", "redis://127.0.0.1:6379");
        // the user-info runs to the LAST '@', so a password may hold '/', ':', '@' or spaces unencoded
        int schemeEnd = url.indexOf("://");
        int at = url.lastIndexOf('@');
        String rawUserInfo = schemeEnd >= 0 && at > schemeEnd ? url.substring(schemeEnd + 3, at) : null;
        URI uri;
        try {
            uri = URI.create(rawUserInfo == null ? url : url.substring(0, schemeEnd + 3) + url.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad Redis URL '" + Secrets.maskUrl(url) + "': " + Secrets.uriProblem(e));
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("bad Redis URL '" + Secrets.maskUrl(url) + "': expected redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("bad Redis URL '" + Secrets.maskUrl(url) + "': no host");
        }
        String user = null;
        String password = settings.get("password");
        if (rawUserInfo != null) {
            String[] parts = rawUserInfo.split(":", 2);
            if (parts.length == 2) {
                user = parts[0].isEmpty() ? null : decode(parts[0]);
                password = decode(parts[1]);
            } else {
                password = decode(parts[0]);
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad Redis URL '" + Secrets.maskUrl(url) + "': database must be a number");
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        String shown = scheme + "://" + (user != null ? (Secrets.isPlainUser(user) ? user : "***") + ":***@" : password != null ? ":***@" : "")
                + uri.getHost() + ":" + port + (database != 0 ? "/" + database : "");
        return new RedisEndpoint(uri.getHost(), port, database, "rediss".equals(scheme), user, password, shown);
    }

    /** Percent-decoding only ({@code %40} → {@code @}); a '+' stays a '+', as it may be part of a password. */
    private static String decode(String s) {
        return s.indexOf('%') < 0 ? s : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return shown;
    }
}
