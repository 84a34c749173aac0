package dev.irm.connector.mysql;

import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A JDBC URL ({@code jdbc:mysql://host:port/[db][?props]}) with user and password kept apart. The
 * driver URL keeps the user's properties except those irm decides itself (timeouts, multi-statements,
 * local infile, password).
 */
record MySqlEndpoint(String host, int port, String database, String driverUrl, String user, String password, String shown) {
    private static final Set<String> OURS = Set.of("connecttimeout", "sockettimeout", "allowmultiqueries", "allowloadlocalinfile",
            "allowurlinlocalinfile", "password", "user", "autoreconnect");

    static MySqlEndpoint of(TargetSettings settings) {
        String url = settings.get("url", "jdbc:mysql://127.0.0.1:3306/");
        String shownUrl = Secrets.maskUrl(url);
        if (!url.startsWith("jdbc:mysql://")) {
            throw new IllegalArgumentException("bad MySQL URL '" + shownUrl + "': expected jdbc:mysql://host:port/database");
        }
        URI uri;
        try {
            uri = URI.create(url.substring("jdbc:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad MySQL URL '" + shownUrl + "': " + Secrets.uriProblem(e));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("bad MySQL URL '" + shownUrl + "': no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("bad MySQL URL '" + shownUrl + "': put the user in --mysql-user and the password in IRM_MYSQL_PASSWORD");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 3306;
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        StringJoiner kept = new StringJoiner("&");
        String password = settings.get("password");
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String key = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (key.equals("password") && pair.contains("=")) {
                    password = pair.split("=", 2)[1];
                } else if (!pair.isEmpty() && !OURS.contains(key)) {
                    kept.add(pair);
                }
            }
        }
        String base = "jdbc:mysql://" + uri.getHost() + ":" + port + "/" + database;
        String driverUrl = kept.length() == 0 ? base : base + "?" + kept;
        String user = settings.get("user", "root");
        String shown = "jdbc:mysql://" + user + (password != null ? ":***" : "") + "@" + uri.getHost() + ":" + port + "/" + database;
        return new MySqlEndpoint(uri.getHost(), port, database, driverUrl, user, password, shown);
    }

    String hostPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return shown;
    }
}
