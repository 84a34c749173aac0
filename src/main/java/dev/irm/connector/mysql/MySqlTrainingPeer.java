package dev.irm.connector.mysql;

import dev.irm.connector.TrainingPeer;
import dev.irm.support.LoopbackServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run's MySQL ({@link TrainingPeer}): the client/server protocol's v10 handshake without TLS, any login
 * accepted, and text result sets of string columns: the driver's session-variable query gets a plausible value per
 * {@code @@name AS alias}, {@code SELECT VERSION()} a version, {@code SHOW ...} a status or variable list, any other
 * SELECT no rows, and everything else OK. Enough for Connector/J to connect and read replies, so its protocol classes
 * are archived; nothing is stored.
 */
final class MySqlTrainingPeer implements TrainingPeer {
    private static final String VERSION = "8.0.36-irm-training";
    private static final int CAPABILITIES = 0x1 | 0x4 | 0x8 | 0x200 | 0x2000 | 0x8000 | 0x20000 | 0x80000 | 0x100000 | 0x200000;
    private static final Pattern ALIAS = Pattern.compile("@@(?:session\\.|global\\.)?(\\w+)\\s+AS\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> VARIABLES = Map.ofEntries(Map.entry("auto_increment_increment", "1"),
            Map.entry("character_set_client", "utf8mb4"), Map.entry("character_set_connection", "utf8mb4"),
            Map.entry("character_set_results", "utf8mb4"), Map.entry("character_set_server", "utf8mb4"),
            Map.entry("collation_server", "utf8mb4_0900_ai_ci"), Map.entry("collation_connection", "utf8mb4_0900_ai_ci"),
            Map.entry("init_connect", ""), Map.entry("interactive_timeout", "28800"), Map.entry("license", "GPL"),
            Map.entry("lower_case_table_names", "0"), Map.entry("max_allowed_packet", "67108864"), Map.entry("net_write_timeout", "60"),
            Map.entry("performance_schema", "1"), Map.entry("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES"),
            Map.entry("system_time_zone", "UTC"), Map.entry("time_zone", "SYSTEM"), Map.entry("transaction_isolation", "REPEATABLE-READ"),
            Map.entry("transaction_read_only", "0"), Map.entry("wait_timeout", "28800"), Map.entry("max_connections", "151"),
            Map.entry("read_only", "0"), Map.entry("max_execution_time", "0"));
    private final LoopbackServer server;

    MySqlTrainingPeer() throws IOException {
        server = new LoopbackServer("training-mysql", MySqlTrainingPeer::serve);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("url", "jdbc:mysql://" + server.address() + "/", "user", "irm-training");
    }

    private static void serve(InputStream raw, OutputStream out) {
        try (InputStream in = new BufferedInputStream(raw)) {
            write(out, 0, handshake());
            read(in); // the handshake response: any user, any password
            write(out, 2, ok());
            while (true) {
                byte[] command = read(in);
                if (command.length == 0 || command[0] == 0x01) { // COM_QUIT
                    return;
                }
                String sql = command[0] == 0x03 ? new String(command, 1, command.length - 1, StandardCharsets.UTF_8) : "";
                answer(out, command[0] == 0x03 ? sql : null);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void answer(OutputStream out, String sql) throws IOException {
        String q = sql == null ? "" : sql.replaceAll("(?s)/\\*.*?\\*/", "").trim();
        String upper = q.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SELECT") && upper.contains("@@")) {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            Matcher m = ALIAS.matcher(q);
            while (m.find()) {
                names.add(m.group(2));
                values.add(VARIABLES.getOrDefault(m.group(1).toLowerCase(Locale.ROOT), "0"));
            }
            if (names.isEmpty()) {
                names.add("value");
                values.add("0");
            }
            resultSet(out, names, List.of(values));
        } else if (upper.startsWith("SELECT VERSION()")) {
            resultSet(out, List.of("VERSION()"), List.of(List.of(VERSION)));
        } else if (upper.startsWith("SHOW")) {
            resultSet(out, List.of("Variable_name", "Value"), List.of(List.of("Threads_connected", "1"), List.of("max_connections", "151"),
                    List.of("Max_used_connections", "1"), List.of("Uptime", "60")));
        } else if (upper.startsWith("SELECT") || upper.startsWith("EXPLAIN") || upper.startsWith("DESC")) {
            resultSet(out, List.of("value"), List.of());
        } else {
            write(out, 1, ok());
        }
    }

    /** A text result set of string columns, with EOF packets (the client did not ask for CLIENT_DEPRECATE_EOF). */
    private static void resultSet(OutputStream out, List<String> columns, List<List<String>> rows) throws IOException {
        int seq = 1;
        write(out, seq++, lengthEncoded(columns.size()));
        for (String name : columns) {
            ByteArrayOutputStream def = new ByteArrayOutputStream();
            for (String s : new String[] {"def", "", "", "", name, name}) {
                def.writeBytes(lengthEncodedString(s));
            }
            def.writeBytes(new byte[] {0x0c, (byte) 255, 0, 0, 0, 4, 0, (byte) 0xfd, 0, 0, 0, 0, 0}); // utf8mb4, 1,024 long, VAR_STRING
            write(out, seq++, def.toByteArray());
        }
        write(out, seq++, eof());
        for (List<String> row : rows) {
            ByteArrayOutputStream r = new ByteArrayOutputStream();
            row.forEach(v -> r.writeBytes(lengthEncodedString(v)));
            write(out, seq++, r.toByteArray());
        }
        write(out, seq, eof());
    }

    private static byte[] handshake() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(10);
        p.writeBytes((VERSION + "\0").getBytes(StandardCharsets.US_ASCII));
        p.writeBytes(new byte[] {1, 0, 0, 0}); // connection id
        p.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII)); // scramble, first part
        p.write(0);
        p.write(CAPABILITIES & 0xff);
        p.write((CAPABILITIES >> 8) & 0xff);
        p.write(255); // utf8mb4_0900_ai_ci
        p.writeBytes(new byte[] {2, 0}); // autocommit
        p.write((CAPABILITIES >> 16) & 0xff);
        p.write((CAPABILITIES >> 24) & 0xff);
        p.write(21);
        p.writeBytes(new byte[10]);
        p.writeBytes("ijklmnopqrst\0".getBytes(StandardCharsets.US_ASCII)); // scramble, second part
        p.writeBytes("mysql_native_password\0".getBytes(StandardCharsets.US_ASCII));
        return p.toByteArray();
    }

    private static byte[] ok() {
        return new byte[] {0, 0, 0, 2, 0, 0, 0};
    }

    private static byte[] eof() {
        return new byte[] {(byte) 0xfe, 0, 0, 2, 0};
    }

    private static byte[] lengthEncoded(long n) {
        return n < 251 ? new byte[] {(byte) n} : new byte[] {(byte) 0xfc, (byte) n, (byte) (n >> 8)};
    }

    private static byte[] lengthEncodedString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(lengthEncoded(b.length));
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static void write(OutputStream out, int seq, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16), (byte) seq});
        out.write(payload);
        out.flush();
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new EOFException();
        }
        int length = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16;
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException();
        }
        return payload;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
