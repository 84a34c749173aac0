package dev.irm.runbook;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.Risk;
import dev.irm.support.BoundedInput;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The runbooks irm knows: the built-in set packaged in the jar plus any {@code --runbooks} folders.
 * Everything is validated as a whole on load; one problem anywhere fails the load (exit 65).
 */
public final class RunbookCatalog {
    private final Map<String, LoadedRunbook> byId = new LinkedHashMap<>();
    private final List<RunbookProblem> warnings;

    private RunbookCatalog(List<LoadedRunbook> runbooks, List<RunbookProblem> warnings) {
        runbooks.forEach(r -> byId.put(r.id(), r));
        this.warnings = List.copyOf(warnings);
    }

    public static RunbookCatalog load(List<Path> extraDirs, ConnectorRegistry registry) {
        return loadFiles(extraDirs, registry, true);
    }

    /** Loads only the given files (for {@code irm validate PATH...}); a folder means its YAML files. */
    public static RunbookCatalog loadFiles(List<Path> paths, ConnectorRegistry registry, boolean withBuiltIns) {
        return loadFiles(paths, registry, withBuiltIns, true);
    }

    /** Build time ({@link CompiledCatalog#main}): the built-ins loaded and validated from their YAML, as the catalog holds them. */
    static List<LoadedRunbook> builtInsFromYaml(ConnectorRegistry registry) {
        return List.copyOf(loadFiles(List.of(), registry, true, false).all());
    }

    private static RunbookCatalog loadFiles(List<Path> paths, ConnectorRegistry registry, boolean withBuiltIns, boolean useCompiled) {
        List<LoadedRunbook> loaded = new ArrayList<>();
        List<RunbookProblem> problems = new ArrayList<>();
        Map<LoadedRunbook, List<RunbookProblem>> validation = new IdentityHashMap<>();
        List<LoadedRunbook> compiled = withBuiltIns && useCompiled ? CompiledCatalog.builtInsFor(registry) : null;
        RunbookLoader loader = null;
        if (compiled != null) {
            // validated by the build against these same connectors
            for (LoadedRunbook r : compiled) {
                loaded.add(r);
                validation.put(r, List.of());
            }
        } else if (withBuiltIns) {
            loader = new RunbookLoader();
            for (Map.Entry<String, String> builtIn : readBuiltIns().entrySet()) {
                parse(loader, builtIn.getKey(), builtIn.getValue(), true, loaded, problems);
            }
        }
        List<RunbookProblem> warnings = new ArrayList<>();
        for (Path file : yamlFiles(paths)) {
            loader = loader != null ? loader : new RunbookLoader();
            String text;
            try {
                text = BoundedInput.readRegularFile(file, BoundedInput.TEXT_FILE_BYTES);
            } catch (IOException e) {
                problems.add(new RunbookProblem(SourceLocation.of(file.toString()), "cannot read: " + e.getMessage()));
                continue;
            }
            parse(loader, file.toString(), text, false, loaded, problems);
            warnings.addAll(CommentedText.warnings(file.toString(), text));
        }
        return validated(loaded, problems, registry, validation, warnings);
    }

    private static RunbookCatalog validated(List<LoadedRunbook> loaded, List<RunbookProblem> problems, ConnectorRegistry registry,
                                            Map<LoadedRunbook, List<RunbookProblem>> alreadyValidated,
                                            List<RunbookProblem> warnings) {
        RunbookValidator validator = new RunbookValidator(registry);
        Map<String, LoadedRunbook> ids = new HashMap<>();
        Map<String, LoadedRunbook> checkOwners = new HashMap<>();
        List<LoadedRunbook> unique = new ArrayList<>();
        for (LoadedRunbook r : loaded) {
            List<RunbookProblem> found = alreadyValidated.get(r);
            problems.addAll(found != null ? found : validator.validate(r));
            LoadedRunbook earlier = ids.get(r.id());
            if (earlier != null && r.id() != null) {
                problems.add(new RunbookProblem(r.locate(r.runbook()), "runbook id '" + r.id() + "' is also defined in " + earlier.file()
                        + (earlier.builtIn() ? " (a built-in runbook is never replaced: give this one another id)" : "")));
                continue;
            }
            ids.put(r.id(), r);
            unique.add(r);
        }
        for (LoadedRunbook r : unique) {
            for (Step step : r.runbook().steps()) {
                for (Check check : step.checks()) {
                    LoadedRunbook owner = checkOwners.putIfAbsent(check.id(), r);
                    if (owner != null && owner != r) {
                        problems.add(new RunbookProblem(r.locate(check), "check id '" + check.id() + "' is also defined in " + owner.file()));
                    }
                    if (check.runbook() != null && !ids.containsKey(check.runbook())) {
                        problems.add(new RunbookProblem(r.locate(check), "check " + check.id() + ": unknown runbook '" + check.runbook() + "'"));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunbookException(problems);
        }
        return new RunbookCatalog(unique.stream().map(r -> withActionRisks(r, registry)).toList(), warnings);
    }

    /** Every mitigation carries the risk it runs with: its declared one, raised to its action's own. */
    private static LoadedRunbook withActionRisks(LoadedRunbook r, ConnectorRegistry registry) {
        return r.withSteps(step -> {
            if (step.kind() != StepKind.MITIGATION) {
                return step;
            }
            Risk effective = registry.action(step.action()).map(spec -> spec.riskFor(step.risk())).orElse(step.risk());
            return effective == step.risk() ? step : step.withRisk(effective);
        });
    }

    private static void parse(RunbookLoader loader, String name, String text, boolean builtIn,
                              List<LoadedRunbook> loaded, List<RunbookProblem> problems) {
        try {
            loaded.add(loader.parse(name, text, builtIn));
        } catch (InvalidRunbookException e) {
            problems.addAll(e.problems());
        }
    }

    /** What loaded but may not read as meant (text cut at a YAML comment), for stderr; never fails the load. */
    public List<RunbookProblem> warnings() {
        return warnings;
    }

    /** The same warnings for the built-in runbooks (built-ins are checked by {@code irm validate}, not at every start). */
    public static List<RunbookProblem> builtInWarnings() {
        List<RunbookProblem> out = new ArrayList<>();
        readBuiltIns().forEach((name, text) -> out.addAll(CommentedText.warnings(name, text)));
        return out;
    }

    public Collection<LoadedRunbook> all() {
        return byId.values();
    }

    public Optional<LoadedRunbook> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public LoadedRunbook require(String id) {
        return find(id).orElseThrow(() -> IrmException.usage("unknown runbook '" + id + "' (see 'irm list')"));
    }

    private static List<Path> yamlFiles(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(p -> isYaml(p) && Files.isRegularFile(p)).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw IrmException.usage(path + ": cannot list: " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw IrmException.usage(path + (Files.exists(path) ? ": not a regular file or folder" : ": no such file or folder"));
            }
        }
        return files;
    }

    private static boolean isYaml(Path p) {
        return isYamlName(p.getFileName().toString());
    }

    private static boolean isYamlName(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Built-in runbooks by display name ({@code runbooks/x.yaml}), read from the jar or the classes folder. */
    static Map<String, String> readBuiltIns() {
        URL root = RunbookCatalog.class.getClassLoader().getResource("runbooks/");
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                collectFromJar(uri, out);
            } else {
                collect(Path.of(uri), out);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the built-in runbooks: " + e.getMessage(), e);
        }
        return out;
    }

    /** Reads the jar's entries directly: a zip file system costs a noticeable part of start-up. */
    private static void collectFromJar(URI uri, Map<String, String> out) throws IOException {
        String spec = uri.getRawSchemeSpecificPart();
        Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = file.stream()
                    .filter(e -> !e.isDirectory() && e.getName().startsWith("runbooks/")
                            && e.getName().indexOf('/', "runbooks/".length()) < 0 && isYamlName(e.getName()))
                    .sorted(Comparator.comparing(JarEntry::getName))
                    .toList();
            for (JarEntry entry : entries) {
                try (InputStream in = file.getInputStream(entry)) {
                    out.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static void collect(Path dir, Map<String, String> out) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(RunbookCatalog::isYaml).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    out.put("runbooks/" + p.getFileName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
