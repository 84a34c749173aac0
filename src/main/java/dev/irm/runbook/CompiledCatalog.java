package dev.irm.runbook;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Risk;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in runbooks as the build loaded and validated them from {@code runbooks/*.yaml}
 * (see {@link #main}), in a plain binary form read with {@link DataInputStream}: start-up needs
 * neither the YAML machinery nor the validator for them. Written in every build, never checked
 * in, so it cannot drift from the YAML. It holds the connectors it was validated against; with
 * other connectors (or without the file) the catalog loads the YAML as before.
 */
public final class CompiledCatalog {
    static final String RESOURCE = "META-INF/irm/runbooks.bin";
    private static final int MAGIC = 0x49524d43; // "IRMC"
    private static final int VERSION = 1;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INTEGER = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte LIST = 7;
    private static final byte MAP = 8;
    private static final byte BIG_INTEGER = 9;
    private static final byte BIG_DECIMAL = 10;

    private CompiledCatalog() {
    }

    /** Build time: loads and validates the built-in YAML (any problem fails the build) and writes it to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        ConnectorRegistry registry = ConnectorRegistry.discover();
        List<LoadedRunbook> builtIns = RunbookCatalog.builtInsFromYaml(registry);
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.write(out, bytes(registry, builtIns));
    }

    /** The compiled built-ins if they were validated against connectors like {@code registry}, else null. */
    static List<LoadedRunbook> builtInsFor(ConnectorRegistry registry) {
        InputStream found = CompiledCatalog.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (found == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(found, 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return null;
            }
            if (!readStrings(in).equals(registry.targets()) || !readStrings(in).equals(actionNames(registry))) {
                return null;
            }
            int count = in.readInt();
            List<LoadedRunbook> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(readRunbook(in));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] bytes(ConnectorRegistry registry, List<LoadedRunbook> runbooks) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeStrings(out, registry.targets());
            writeStrings(out, actionNames(registry));
            out.writeInt(runbooks.size());
            for (LoadedRunbook r : runbooks) {
                writeRunbook(out, r);
            }
        }
        return bytes.toByteArray();
    }

    static List<String> actionNames(ConnectorRegistry registry) {
        return registry.actions().stream().map(ActionSpec::qualifiedName).toList();
    }

    private static void writeRunbook(DataOutputStream out, LoadedRunbook loaded) throws IOException {
        Runbook r = loaded.runbook();
        out.writeUTF(loaded.file());
        out.writeBoolean(loaded.builtIn());
        writeLocation(out, loaded, r);
        writeString(out, r.id());
        writeString(out, r.title());
        writeString(out, r.severity() == null ? null : r.severity().name());
        writeString(out, r.summary());
        writeStrings(out, r.tags());
        writeStrings(out, r.symptoms());
        writeStrings(out, r.targets());
        out.writeInt(r.variables().size());
        for (Map.Entry<String, Variable> v : r.variables().entrySet()) {
            out.writeUTF(v.getKey());
            writeVariable(out, loaded, v.getValue());
        }
        out.writeInt(r.steps().size());
        for (Step s : r.steps()) {
            writeStep(out, loaded, s);
        }
        writeValue(out, r.i18n());
    }

    private static LoadedRunbook readRunbook(DataInputStream in) throws IOException {
        String file = in.readUTF();
        boolean builtIn = in.readBoolean();
        IdentityHashMap<Object, SourceLocation> locations = new IdentityHashMap<>();
        SourceLocation at = readLocation(in, file);
        String id = readString(in);
        String title = readString(in);
        String severity = readString(in);
        String summary = readString(in);
        List<String> tags = readStrings(in);
        List<String> symptoms = readStrings(in);
        List<String> targets = readStrings(in);
        int variableCount = in.readInt();
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (int i = 0; i < variableCount; i++) {
            variables.put(in.readUTF(), readVariable(in, file, locations));
        }
        int stepCount = in.readInt();
        List<Step> steps = new ArrayList<>(stepCount);
        for (int i = 0; i < stepCount; i++) {
            steps.add(readStep(in, file, locations));
        }
        Runbook runbook = new Runbook(id, title, severity == null ? null : Severity.valueOf(severity), summary, tags, symptoms, targets,
                variables, steps, cast(readValue(in)));
        put(locations, runbook, at);
        return new LoadedRunbook(runbook, file, builtIn, locations);
    }

    private static void writeVariable(DataOutputStream out, LoadedRunbook loaded, Variable v) throws IOException {
        writeLocation(out, loaded, v);
        writeString(out, v.defaultValue());
        writeString(out, v.description());
        writeString(out, v.type().name());
        writeString(out, v.pattern());
        writeString(out, v.min());
        writeString(out, v.max());
        writeValue(out, v.i18n());
    }

    private static Variable readVariable(DataInputStream in, String file, IdentityHashMap<Object, SourceLocation> locations) throws IOException {
        SourceLocation at = readLocation(in, file);
        Variable v = new Variable(readString(in), readString(in), VariableType.valueOf(readString(in)), readString(in), readString(in),
                readString(in), cast(readValue(in)));
        put(locations, v, at);
        return v;
    }

    private static void writeStep(DataOutputStream out, LoadedRunbook loaded, Step s) throws IOException {
        writeLocation(out, loaded, s);
        writeString(out, s.id());
        writeString(out, s.kind() == null ? null : s.kind().name());
        writeString(out, s.title());
        writeString(out, s.description());
        writeString(out, s.action());
        writeValue(out, s.with());
        writeString(out, s.when());
        out.writeInt(s.checks().size());
        for (Check c : s.checks()) {
            writeCheck(out, loaded, c);
        }
        writeValue(out, s.capture());
        writeString(out, s.timeout());
        writeValue(out, s.diagnose());
        writeString(out, s.risk() == null ? null : s.risk().name());
        writeString(out, s.confirmText());
        writeString(out, s.blastRadius());
        writeString(out, s.text());
        writeString(out, s.ask());
        writeString(out, s.template());
        writeValue(out, s.i18n());
    }

    private static Step readStep(DataInputStream in, String file, IdentityHashMap<Object, SourceLocation> locations) throws IOException {
        SourceLocation at = readLocation(in, file);
        String id = readString(in);
        String kind = readString(in);
        String title = readString(in);
        String description = readString(in);
        String action = readString(in);
        Map<String, Object> with = cast(readValue(in));
        String when = readString(in);
        int checkCount = in.readInt();
        List<Check> checks = new ArrayList<>(checkCount);
        for (int i = 0; i < checkCount; i++) {
            checks.add(readCheck(in, file, locations));
        }
        Map<String, String> capture = cast(readValue(in));
        String timeout = readString(in);
        Boolean diagnose = (Boolean) readValue(in);
        String risk = readString(in);
        Step s = new Step(id, kind == null ? null : StepKind.valueOf(kind), title, description, action, with, when, checks, capture, timeout,
                diagnose, risk == null ? null : Risk.valueOf(risk), readString(in), readString(in), readString(in), readString(in),
                readString(in), cast(readValue(in)));
        put(locations, s, at);
        return s;
    }

    private static void writeCheck(DataOutputStream out, LoadedRunbook loaded, Check c) throws IOException {
        writeLocation(out, loaded, c);
        writeString(out, c.id());
        writeString(out, c.title());
        writeString(out, c.skip());
        writeString(out, c.critical());
        writeString(out, c.warning());
        writeString(out, c.summary());
        writeStrings(out, c.metrics());
        writeString(out, c.runbook());
        writeValue(out, c.i18n());
        out.writeBoolean(c.each() != null);
        if (c.each() != null) {
            writeString(out, c.each().subject());
            writeString(out, c.each().summary());
        }
    }

    private static Check readCheck(DataInputStream in, String file, IdentityHashMap<Object, SourceLocation> locations) throws IOException {
        SourceLocation at = readLocation(in, file);
        Check c = new Check(readString(in), readString(in), readString(in), readString(in), readString(in), readString(in),
                readStrings(in), readString(in), cast(readValue(in)), in.readBoolean() ? new Each(readString(in), readString(in)) : null);
        put(locations, c, at);
        return c;
    }

    /** Only the parts the loader located carry a location; the others fall back to the file, as loaded from YAML. */
    private static void writeLocation(DataOutputStream out, LoadedRunbook loaded, Object part) throws IOException {
        SourceLocation at = loaded.locationOf(part);
        out.writeBoolean(at != null);
        if (at != null) {
            out.writeUTF(at.file());
            out.writeInt(at.line());
            out.writeInt(at.column());
        }
    }

    private static SourceLocation readLocation(DataInputStream in, String file) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String at = in.readUTF();
        return new SourceLocation(at.equals(file) ? file : at, in.readInt(), in.readInt()); // one string per file, as the loader keeps it
    }

    private static void put(IdentityHashMap<Object, SourceLocation> locations, Object part, SourceLocation at) {
        if (at != null) {
            locations.put(part, at);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            writeString(out, v);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString(in));
        }
        return out;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeValue(out, value);
    }

    private static String readString(DataInputStream in) throws IOException {
        return (String) readValue(in);
    }

    /** The value types Jackson gives untyped YAML; anything else fails the build rather than load differently. */
    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeLongString(out, s);
        } else if (value instanceof Integer i) {
            out.writeByte(INTEGER);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof BigInteger b) {
            out.writeByte(BIG_INTEGER);
            out.writeUTF(b.toString());
        } else if (value instanceof BigDecimal b) {
            out.writeByte(BIG_DECIMAL);
            out.writeUTF(b.toString());
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object item : list) {
                writeValue(out, item);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeValue(out, e.getKey());
                writeValue(out, e.getValue());
            }
        } else {
            throw new IllegalStateException("cannot compile a runbook value of type " + value.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return readLongString(in);
            case INTEGER:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case BIG_INTEGER:
                return new BigInteger(in.readUTF());
            case BIG_DECIMAL:
                return new BigDecimal(in.readUTF());
            case LIST: {
                int n = in.readInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue(in));
                }
                return list;
            }
            case MAP: {
                int n = in.readInt();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(readValue(in), readValue(in));
                }
                return map;
            }
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    /** writeUTF stops at 64 KiB; a runbook text may be longer. */
    private static void writeLongString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readLongString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
