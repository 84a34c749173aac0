package dev.irm.cli;

import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code irm completion bash|zsh}: prints the completion script (the same as {@code completions/} in the source tree). */
@Command(name = "completion", description = "Print the shell completion script: source <(irm completion bash).")
public final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    IrmCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.", completionCandidates = Shells.class)
    String shell;

    @Override
    public Integer call() {
        var irm = spec.root().commandLine();
        String script = switch (shell) {
            case "bash" -> CompletionScripts.bash(irm);
            case "zsh" -> CompletionScripts.zsh(irm);
            default -> throw IrmException.usage("completion " + shell + ": bash or zsh");
        };
        spec.commandLine().getOut().print(script);
        return ExitCode.OK;
    }

    /** Completion candidates for SHELL. */
    static final class Shells extends java.util.ArrayList<String> {
        Shells() {
            super(java.util.List.of("bash", "zsh"));
        }
    }
}
