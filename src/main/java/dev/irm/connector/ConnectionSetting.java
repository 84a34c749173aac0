package dev.irm.connector;

import java.util.List;
import java.util.Map;

/**
 * One connection setting of a target, declared by its factory: the key it has in
 * {@link TargetSettings} and in the target's config-file section, the command-line option and the
 * environment variable that set it, its local default, and whether it is a secret (never shown;
 * it does not make the target "named"). The CLI, the config loader and {@code irm config view}
 * take these from the factory; nothing else lists them.
 *
 * @param key          e.g. {@code url}: {@code TargetSettings.get("url")}, {@code redis: {url: ...}} in a context
 * @param flags        option names, e.g. {@code --redis} or {@code -n, --namespace}; empty: no option
 * @param paramLabel   the option's value in help, e.g. {@code URL}
 * @param help         the option's description in help
 * @param env          environment variable, or null
 * @param localDefault the value when nothing names it (may follow this process's environment), or null
 * @param secret       masked wherever settings are shown
 */
public record ConnectionSetting(String key, List<String> flags, String paramLabel, String help, String env,
                                LocalDefault localDefault, boolean secret) {

    /** The local default, from this process's environment (e.g. {@code $HOME/.kube/config}); null when there is none. */
    @FunctionalInterface
    public interface LocalDefault {
        String in(Map<String, String> env);
    }

    public ConnectionSetting {
        flags = List.copyOf(flags);
        if (secret && !flags.isEmpty()) {
            throw new IllegalArgumentException(key + ": a secret has no command-line option (process arguments are visible to others)");
        }
    }

    /** A setting with no option, variable or default yet; add them with the methods below. */
    public static ConnectionSetting of(String key) {
        return new ConnectionSetting(key, List.of(), null, null, null, null, false);
    }

    /** Settable on the command line: {@code names} (the long one last, as help shows them), value shown as {@code paramLabel}. */
    public ConnectionSetting option(String paramLabel, String help, String... names) {
        return new ConnectionSetting(key, List.of(names), paramLabel, help, env, localDefault, secret);
    }

    public ConnectionSetting env(String variable) {
        return new ConnectionSetting(key, flags, paramLabel, help, variable, localDefault, secret);
    }

    public ConnectionSetting defaultValue(String value) {
        return defaultFrom(environment -> value);
    }

    public ConnectionSetting defaultFrom(LocalDefault value) {
        return new ConnectionSetting(key, flags, paramLabel, help, env, value, secret);
    }

    /** A secret: masked wherever shown, never a command-line option, and it does not make the target named. */
    public ConnectionSetting asSecret() {
        return new ConnectionSetting(key, flags, paramLabel, help, env, localDefault, true);
    }

    public boolean hasOption() {
        return !flags.isEmpty();
    }

    /** The local default in this environment, or null. */
    public String localDefault(Map<String, String> environment) {
        return localDefault == null ? null : localDefault.in(environment);
    }
}
