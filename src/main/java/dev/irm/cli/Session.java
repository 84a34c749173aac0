package dev.irm.cli;

import dev.irm.config.ConfigStore;
import dev.irm.config.ConnectionResolver;
import dev.irm.config.ContextConfig;
import dev.irm.config.IrmConfig;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.TargetSettings;
import dev.irm.render.Style;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookCatalog;
import dev.irm.support.Durations;
import dev.irm.support.IrmException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a command builds from the global options: config, context, connectors, runbooks, output. */
final class Session {
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private final IrmCommand root;
    private final ConfigStore store;
    private IrmConfig config;
    private RunbookCatalog catalog;

    Session(IrmCommand root) {
        this.root = root;
        this.store = ConfigStore.locate(root.config, root.environment().env());
    }

    CliEnvironment environment() {
        return root.environment();
    }

    PrintWriter out() {
        return root.spec.commandLine().getOut();
    }

    /** {@code --config} as given, or null. */
    Path configFile() {
        return root.config;
    }

    List<Path> runbookDirs() {
        return root.runbookDirs;
    }

    ConfigStore configStore() {
        return store;
    }

    IrmConfig config() {
        if (config == null) {
            config = store.read(registry().targets());
            if (root.config == null) {
                CompletionCache.update(environment().env(), Map.of(CompletionCache.CONTEXTS,
                        new CompletionCache.Entry(store.file(), List.copyOf(config.contexts().keySet()))));
            }
        }
        return config;
    }

    /** The context's name: {@code --context}, else the config's current one, else {@code local}. */
    String contextName() {
        if (root.context != null) {
            return root.context;
        }
        return config().currentContext() != null ? config().currentContext() : "local";
    }

    ContextConfig context() {
        String name = contextName();
        ContextConfig found = config().contexts().get(name);
        if (found == null && root.context != null) {
            throw IrmException.usage("unknown context '" + name + "' in " + store.file()
                    + (config().contexts().isEmpty() ? " (it has none)" : " (it has: " + String.join(", ", config().contexts().keySet()) + ")"));
        }
        if (found == null && config().currentContext() != null) {
            throw IrmException.invalid(store.file() + ": currentContext '" + dev.irm.support.BoundedInput.echo(name) + "' is not one of its contexts"
                    + (config().contexts().isEmpty() ? " (it has none)" : " (it has: " + String.join(", ", config().contexts().keySet()) + ")")
                    + "; fix it with 'irm config use-context NAME'");
        }
        return found;
    }

    Map<String, Object> contextVariables() {
        ContextConfig c = context();
        return c == null ? Map.of() : c.variables();
    }

    ConnectorRegistry registry() {
        return root.registry();
    }

    RunbookCatalog catalog() {
        if (catalog == null) {
            catalog = RunbookCatalog.load(root.runbookDirs, registry());
            warn(catalog.warnings());
            if (root.runbookDirs.isEmpty()) {
                Path code = CompletionCache.code();
                CompletionCache.update(environment().env(), Map.of(
                        CompletionCache.RUNBOOKS, new CompletionCache.Entry(code, runbookIds()),
                        CompletionCache.TARGETS, new CompletionCache.Entry(code, CompletionCache.targets(registry()))));
            }
        }
        return catalog;
    }

    /** Runbook warnings, one {@code file:line:col: warning: ...} line each on stderr; the exit code stays as it is. */
    void warn(List<dev.irm.runbook.RunbookProblem> warnings) {
        PrintWriter err = root.spec.commandLine().getErr();
        warnings.forEach(w -> err.println(w));
        err.flush();
    }

    List<String> runbookIds() {
        return catalog().all().stream().map(LoadedRunbook::id).sorted().toList();
    }

    /** {@code --lang}, else the locale: {@code ko} or {@code en}. */
    String lang() {
        if (root.lang != null && !root.lang.equals("ko") && !root.lang.equals("en")) {
            throw IrmException.usage("--lang " + root.lang + ": ko or en");
        }
        return dev.irm.runbook.Localizer.language(root.lang, environment().env());
    }

    LoadedRunbook localized(LoadedRunbook loaded) {
        return dev.irm.runbook.Localizer.localize(loaded, lang());
    }

    List<LoadedRunbook> localized(java.util.Collection<LoadedRunbook> all) {
        return all.stream().map(this::localized).toList();
    }

    Map<String, TargetSettings> connections(ConnectionOptions options, List<String> targets) {
        return new ConnectionResolver(registry(), options.asMap(), environment().env(), context()).resolveAll(targets);
    }

    Duration deadline() {
        if (root.timeout == null) {
            return DEFAULT_DEADLINE;
        }
        try {
            return Durations.parse(root.timeout);
        } catch (IllegalArgumentException e) {
            throw IrmException.usage("--timeout: " + e.getMessage());
        }
    }

    Style style() {
        boolean colour = !root.noColor && environment().terminal() && environment().get("NO_COLOR") == null;
        return new Style(colour);
    }
}
