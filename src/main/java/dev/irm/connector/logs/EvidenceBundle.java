package dev.irm.connector.logs;

import dev.irm.connector.Args;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder of evidence on the operator's machine ({@code DIR/TARGET-yyyyMMdd-HHmmss/}): logs, states
 * and stats as they were. Writing it changes nothing on the target, so collecting is a read action.
 */
public final class EvidenceBundle {
    public static final List<String> DEFAULT_SERVICES = List.of("app", "mysql", "redis", "kafka");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private long files;
    private long bytes;
    private final List<String> missing = new ArrayList<>();
    private final java.util.Set<String> used = new java.util.HashSet<>();

    private EvidenceBundle(Path dir) {
        this.dir = dir;
    }

    public static Param[] params() {
        return new Param[] {
            Param.required("dir", "local folder for the bundle; a time-stamped subfolder is created in it"),
            Param.optional("services", "services whose logs to collect (default: app, mysql, redis, kafka)").as(ParamType.LIST),
            Param.optional("since", "how far back the logs go (default 30m)").as(ParamType.DURATION)
        };
    }

    public static EvidenceBundle create(Args args, String target) throws IOException {
        Path dir = Path.of(args.string("dir")).toAbsolutePath().normalize().resolve(target + "-" + STAMP.format(Instant.now()));
        Files.createDirectories(dir.resolve("logs"));
        return new EvidenceBundle(dir);
    }

    public static List<String> services(Args args) {
        List<String> s = args.strings("services");
        return s.isEmpty() ? DEFAULT_SERVICES : s;
    }

    public void json(String name, Object value) throws IOException {
        text(name, Json.pretty(value) + "\n");
    }

    /** {@code logs/NAME.log} for a container or pod whose name a server gave: made a safe, unused file name. */
    public void log(String serverName, String text) throws IOException {
        String base = SafeFileName.of(serverName);
        String name = base;
        for (int n = 2; !used.add(name); n++) {
            name = base + "-" + n;
        }
        text("logs/" + name + ".log", text);
    }

    /** A file of irm's own naming; refused if it would resolve outside the bundle. */
    public void text(String name, String text) throws IOException {
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new IOException("refused to write '" + name + "': it resolves outside the evidence bundle " + dir);
        }
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        Files.write(file, data, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        files++;
        bytes += data.length;
    }

    public void missing(String service) {
        missing.add(service);
    }

    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toString());
        m.put("files", files);
        m.put("bytes", bytes);
        m.put("missing_services", String.join(", ", missing));
        m.put("missing", (long) missing.size());
        return m;
    }
}
