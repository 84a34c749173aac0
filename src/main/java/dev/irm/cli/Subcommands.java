package dev.irm.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * irm's subcommands, attached to the root command line. Building a picocli model costs reflection over
 * every option of every command, so a command line made for one invocation builds only the subcommand
 * it names; the others become a name and a description, all {@code irm --help} shows of them. Without
 * a subcommand (the home screen re-runs itself with {@code run}), with an unknown one, or for the
 * completion scripts (which describe every command), every model is built.
 */
final class Subcommands {
    /** In the order {@code irm --help} lists them. */
    static final List<Class<?>> ALL = List.of(
            ListCommand.class,
            ShowCommand.class,
            ValidateCommand.class,
            DiagnoseCommand.class,
            RunCommand.class,
            TriageCommand.class,
            ReportCommand.class,
            DrillCommand.class,
            ServeCommand.class,
            CompletionCommand.class,
            CompleteCommand.class,
            ConfigCommand.class,
            LabCommand.class);

    /** Root options that take a value (so the word after them is not the subcommand): keep in step with IrmCommand's options (a missing one only costs the speed-up: every model is built). */
    private static final Set<String> VALUED = Set.of("--context", "--config", "--runbooks", "--timeout", "--lang");
    private static final Set<Class<?>> NEED_EVERY_MODEL = Set.of(CompletionCommand.class, CompleteCommand.class);

    private Subcommands() {
    }

    /** Every subcommand's full model (docs, tests, the home screen). */
    static CommandLine attachAll(CommandLine root) {
        ALL.forEach(type -> attach(root, type));
        return root;
    }

    /**
     * Adds one subcommand's full model. picocli gives a subcommand added here the inherited help options
     * (-h, -V) before the root's other options, not after them as for one named in the annotation: move
     * them back to the end, so help, man pages and completion read as before.
     */
    private static void attach(CommandLine root, Class<?> type) {
        root.addSubcommand(type);
        helpLast(root.getSubcommands().get(type.getAnnotation(Command.class).name()).getCommandSpec());
    }

    private static void helpLast(CommandSpec spec) {
        spec.subcommands().values().forEach(sub -> helpLast(sub.getCommandSpec()));
        List<OptionSpec> help = spec.options().stream().filter(o -> o.usageHelp() || o.versionHelp()).toList();
        help.forEach(spec::remove);
        help.forEach(spec::addOption);
    }

    /** Only what {@code args} needs: the named subcommand's model, the others by name and description. */
    static CommandLine attachFor(CommandLine root, String[] args) {
        Class<?> invoked = invoked(args);
        if (invoked == null ? !asksHelp(args) : NEED_EVERY_MODEL.contains(invoked)) {
            return attachAll(root);
        }
        for (Class<?> type : ALL) {
            if (type == invoked) {
                attach(root, type);
            } else {
                Command c = type.getAnnotation(Command.class);
                CommandSpec stub = CommandSpec.create().name(c.name()).aliases(c.aliases());
                stub.usageMessage().description(c.description()).header(c.header()).hidden(c.hidden());
                root.addSubcommand(c.name(), new CommandLine(stub), c.aliases());
            }
        }
        return root;
    }

    /** The subcommand the first word that is not a root option names; null if none or unknown. */
    private static Class<?> invoked(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if (a.startsWith("-")) {
                if (VALUED.contains(a)) {
                    i++;
                }
                continue;
            }
            for (Class<?> type : ALL) {
                Command c = type.getAnnotation(Command.class);
                if (c.name().equals(a) || List.of(c.aliases()).contains(a)) {
                    return type;
                }
            }
            return null;
        }
        return null;
    }

    private static boolean asksHelp(String[] args) {
        return args.length > 0 && List.of(args).stream().allMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("--no-color"));
    }
}
