package dev.irm.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.irm.runbook.RunbookLimits;
import dev.irm.runbook.RunbookLoader;
import dev.irm.support.BoundedInput;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Finds, reads and writes the config file: {@code --config}, {@code $IRM_CONFIG}, XDG, then {@code ~/.config}. */
public final class ConfigStore {
    /** Built on first use: most commands run without a config file and never need it (start-up). */
    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .loaderOptions(RunbookLimits.loaderOptions())
                        .streamReadConstraints(RunbookLimits.streamConstraints()).build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    public static ConfigStore locate(Path option, Map<String, String> env) {
        if (option != null) {
            return new ConfigStore(option);
        }
        String explicit = env.get("IRM_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return new ConfigStore(Path.of(explicit));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ConfigStore(base.resolve("irm").resolve("config.yaml"));
    }

    public Path file() {
        return file;
    }

    /** The config file; a context may have a section for each of {@code targets} (the registry's). */
    public IrmConfig read(Collection<String> targets) {
        if (!Files.exists(file)) {
            return IrmConfig.empty();
        }
        try {
            String text = BoundedInput.readRegularFile(file, BoundedInput.TEXT_FILE_BYTES);
            IrmConfig config = Yaml.MAPPER.readerFor(IrmConfig.class)
                    .withAttribute(ContextConfigDeserializer.SECTIONS, List.copyOf(targets)).readValue(text);
            return config == null ? IrmConfig.empty() : config;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
            String message = describe(e);
            throw new IrmException(ExitCode.INVALID, file + ":" + line + ":" + col + ": " + message);
        } catch (IOException e) {
            throw new IrmException(ExitCode.INVALID, file + ":1:1: cannot read: " + e.getMessage());
        }
    }

    /** Jackson's words for what is wrong, without its class and creator vocabulary. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown field '" + BoundedInput.echo(u.getPropertyName()) + "'";
        }
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")) : "";
        String at = path.isEmpty() ? "" : path + ": ";
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            Class<?> type = m.getTargetType();
            String expected = Map.class.isAssignableFrom(type) || type.isRecord() ? "a mapping (key: value)"
                    : java.util.List.class.isAssignableFrom(type) ? "a list" : "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
            return at + "expected " + expected;
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return at + "too large or too deeply nested (see docs/SECURITY.md)";
        }
        return at + BoundedInput.line(RunbookLoader.plain(e.getOriginalMessage()));
    }

    public void write(IrmConfig config) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Yaml.MAPPER.writeValueAsString(config), StandardCharsets.UTF_8);
            ownerOnly(file);
        } catch (IOException e) {
            throw new IrmException(ExitCode.INVALID, file + ": cannot write: " + e.getMessage());
        }
    }

    /** A context may hold a token (the lab's admin token): the file irm writes is readable by its owner only, as kubeconfig is. */
    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    public static String toYaml(Object value) {
        try {
            return Yaml.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
