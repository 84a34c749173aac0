package dev.irm.cli;

import dev.irm.render.Renderer;
import dev.irm.render.Renderers;
import dev.irm.support.IrmException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one {@code -o/--output} option. A command mixes it in and implements {@link Formats}; the
 * command line factory then gives each command's option its own help, default and completion,
 * and {@link #renderer} picks the renderer of the chosen format.
 */
public final class OutputOption {

    /** Implemented by a command with {@code -o}: the formats it writes, the default first. */
    interface Formats {
        List<String> formats();
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "Output format.")
    String format;

    /** The chosen format, checked against the command's formats (usage error otherwise). */
    String format() {
        List<String> allowed = formatsOf(mixee);
        String chosen = format == null ? allowed.get(0) : format.toLowerCase(Locale.ROOT);
        if (!allowed.contains(chosen)) {
            throw IrmException.usage("-o " + format + ": " + mixee.name() + " writes " + spoken(allowed));
        }
        return chosen;
    }

    <T> Renderer<T> renderer(Renderers<T> renderers) {
        return renderers.get(format());
    }

    /** Gives every command's {@code -o} its formats in help and completion (called where the CommandLine is built). */
    static void describe(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        OptionSpec option = spec.findOption("--output");
        if (option != null && spec.userObject() instanceof Formats formats) {
            List<String> names = formats.formats();
            spec.remove(option);
            spec.addOption(option.toBuilder()
                    .description("Output format: " + spoken(names) + " (default: " + names.get(0) + ").")
                    .completionCandidates(names)
                    .build());
        }
        commandLine.getSubcommands().values().forEach(OutputOption::describe);
    }

    private static List<String> formatsOf(CommandSpec spec) {
        return ((Formats) spec.userObject()).formats();
    }

    private static String spoken(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
