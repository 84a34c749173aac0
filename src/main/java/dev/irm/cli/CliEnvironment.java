package dev.irm.cli;

import java.util.Map;

/** What a command may know of the world it runs in: environment variables and whether a person is at a terminal. */
public record CliEnvironment(Map<String, String> env, boolean terminal) {

    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), System.console() != null);
    }

    public String get(String name) {
        return env.get(name);
    }
}
