package dev.irm.cli;

import dev.irm.support.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code irm}: the root command. Holds the global options every subcommand inherits. */
@Command(name = "irm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        sortOptions = false,
        description = "Incident runbooks that run: read-only diagnostics, judged findings, mitigations only with consent.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every check OK (other commands: success)",
            " 1:worst finding WARNING",
            " 2:worst finding CRITICAL",
            " 3:UNKNOWN: a check could not be evaluated",
            " 4:a mitigation was refused or declined",
            "64:usage error",
            "65:invalid runbook or config",
            "70:internal error"},
        subcommands = {
            ListCommand.class,
            ShowCommand.class,
            ValidateCommand.class,
            DiagnoseCommand.class,
            RunCommand.class,
            TriageCommand.class,
            ReportCommand.class,
            ServeCommand.class,
            CompletionCommand.class,
            CompleteCommand.class,
            ConfigCommand.class,
            LabCommand.class})
public final class IrmCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--context", paramLabel = "NAME", description = "Config context to use (default: the current one).", scope = ScopeType.INHERIT)
    String context;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: $IRM_CONFIG, else $XDG_CONFIG_HOME/irm/config.yaml).", scope = ScopeType.INHERIT)
    Path config;

    @Option(names = "--runbooks", paramLabel = "DIR", description = "Extra runbook folder, added to the built-in set (repeatable).", scope = ScopeType.INHERIT)
    List<Path> runbookDirs = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Deadline for the whole command, e.g. 10s (default: 30s).", scope = ScopeType.INHERIT)
    String timeout;

    @Option(names = "--no-color", description = "No colour, even on a terminal.", scope = ScopeType.INHERIT)
    boolean noColor;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of runbook text: ko or en (default: from LC_ALL/LANG).", scope = ScopeType.INHERIT)
    String lang;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of internal errors.", scope = ScopeType.INHERIT)
    boolean verbose;

    public IrmCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    public CliEnvironment environment() {
        return environment;
    }

    @Override
    public Integer call() {
        org.jline.terminal.Terminal terminal = environment.jline();
        if (terminal == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCode.USAGE;
        }
        Session session = new Session(this);
        String chosen;
        try (KeyReader keys = new KeyReader(terminal)) {
            chosen = new HomeScreen(keys, session.style(), session.localized(session.catalog().all())).pick();
        }
        if (chosen == null) {
            return ExitCode.OK;
        }
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        args.add("run");
        args.add(chosen);
        return spec.commandLine().execute(args.toArray(String[]::new));
    }
}
