package dev.irm.cli;

import dev.irm.config.ConfigStore;
import dev.irm.config.ConnectionResolver;
import dev.irm.connector.TargetSettings;
import dev.irm.support.ExitCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code irm config view}: the resolved connections of the current context, secrets masked. */
@Command(name = "view", description = "Show the config file, the current context and each target's resolved connection (secrets masked).")
public final class ConfigViewCommand implements Callable<Integer> {
    @ParentCommand
    ConfigCommand parent;

    @Mixin
    ConnectionOptions connections;

    @Override
    public Integer call() {
        Session session = new Session(parent.root);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("file", session.configStore().file().toString());
        view.put("currentContext", session.contextName());
        Map<String, Object> targets = new LinkedHashMap<>();
        ConnectionResolver resolver = new ConnectionResolver(session.registry(), connections.asMap(), session.environment().env(), session.context());
        for (String target : session.registry().targets()) {
            TargetSettings s = resolver.resolve(target);
            Map<String, String> shown = s.shown();
            shown.put("timeout", s.timeout().toMillis() + "ms");
            targets.put(target, shown);
        }
        view.put("targets", targets);
        view.put("variables", session.contextVariables());
        session.out().print(ConfigStore.toYaml(view));
        return ExitCode.OK;
    }
}
