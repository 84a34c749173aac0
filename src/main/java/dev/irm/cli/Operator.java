package dev.irm.cli;

import java.net.InetAddress;

/** Who is at the keyboard, for the record: {@code user@host}. */
final class Operator {
    private Operator() {
    }

    static String identity(CliEnvironment environment) {
        String user = environment.get("USER");
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name", "unknown");
        }
        String host = environment.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "localhost";
            }
        }
        return user + "@" + host;
    }
}
