package dev.irm.cli;

import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.ConnectorFactory;
import dev.irm.connector.ConnectorRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The connection options of CONTRACT.md, mixed in by every command that connects. It declares no
 * option itself: {@link #declare} gives each such command the options the targets' factories declare
 * ({@link ConnectionSetting}), so a new target brings its own flags. ({@code @Command}: picocli mixes in
 * only an annotated class.)
 */
@Command
public final class ConnectionOptions {

    /** A command whose first parameter is TARGET...: its help and completion list the registry's targets and {@code all}. */
    interface TargetParameter {
    }

    private final Map<String, String> values = new HashMap<>();

    /** Keyed {@code target.key} for {@link dev.irm.config.ConnectionResolver}. */
    Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /**
     * Adds the targets' options to every command mixing this in, after the command's own options and
     * before the inherited global ones, and lists the targets for each {@link TargetParameter}. Called
     * where the CommandLine is built, before {@link OutputOption#describe} (which moves {@code -o} last).
     */
    static void declare(CommandLine commandLine, ConnectorRegistry registry) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.userObject() instanceof TargetParameter) {
            PositionalParamSpec targets = spec.positionalParameters().get(0);
            spec.remove(targets);
            spec.addPositional(targets.toBuilder()
                    .description(String.join(", ", registry.targets()) + ", or all.")
                    .completionCandidates(CompletionCache.targets(registry)).build());
        }
        spec.mixins().values().stream().map(CommandSpec::userObject)
                .filter(ConnectionOptions.class::isInstance).map(ConnectionOptions.class::cast).findFirst()
                .ifPresent(options -> {
                    List<OptionSpec> all = spec.options();
                    int firstShared = 0;
                    while (firstShared < all.size() && !shared(all.get(firstShared))) {
                        firstShared++;
                    }
                    List<OptionSpec> after = List.copyOf(all.subList(firstShared, all.size()));
                    after.forEach(spec::remove);
                    for (ConnectorFactory factory : registry.factories()) {
                        factory.settings().stream().filter(ConnectionSetting::hasOption)
                                .forEach(setting -> spec.addOption(options.option(factory.target(), setting)));
                    }
                    after.forEach(spec::addOption);
                });
        commandLine.getSubcommands().values().forEach(sub -> declare(sub, registry));
    }

    /** The global options every command inherits and the help and version options: they come after a command's own. */
    private static boolean shared(OptionSpec option) {
        return option.inherited() || option.usageHelp() || option.versionHelp();
    }

    private OptionSpec option(String target, ConnectionSetting setting) {
        String key = target + "." + setting.key();
        return OptionSpec.builder(setting.flags().toArray(String[]::new))
                .paramLabel(setting.paramLabel())
                .description(setting.help())
                .type(String.class)
                .arity("1")
                .getter(new CommandLine.Model.IGetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T get() {
                        return (T) values.get(key);
                    }
                })
                .setter(new ISetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T set(T value) {
                        return (T) (value == null ? values.remove(key) : values.put(key, (String) value));
                    }
                })
                .build();
    }
}
