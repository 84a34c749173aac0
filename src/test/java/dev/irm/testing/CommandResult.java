package dev.irm.testing;

/** Exit code and captured output of a finished command. */
public record CommandResult(int exitCode, String stdout, String stderr) {
    public String output() {
        return stdout + stderr;
    }
}
