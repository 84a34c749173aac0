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
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad Redis URL '" + Secrets.redactUrl(url) + "': " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("bad Redis URL '" + Secrets.redactUrl(url) + "': expected redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("bad Redis URL '" + Secrets.redactUrl(url) + "': no host");
        }
        String user = null;
        String password = settings.get("password");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
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
                throw new IllegalArgumentException("bad Redis URL '" + Secrets.redactUrl(url) + "': database must be a number");
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        String shown = scheme + "://" + (user != null ? user + ":***@" : password != null ? ":***@" : "")
                + uri.getHost() + ":" + port + (database != 0 ? "/" + database : "");
        return new RedisEndpoint(uri.getHost(), port, database, "rediss".equals(scheme), user, password, shown);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return shown;
    }
}
