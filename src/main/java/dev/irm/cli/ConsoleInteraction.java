package dev.irm.cli;

import dev.irm.connector.Preview;
import dev.irm.engine.Interaction;
import dev.irm.runbook.Step;
import java.io.Console;
import java.io.PrintWriter;

/** Line prompts on the terminal for {@code irm run} when a person is there. */
final class ConsoleInteraction implements Interaction {
    private final PrintWriter out;
    private final String who;
    private final Console console = System.console();

    ConsoleInteraction(PrintWriter out, String who) {
        this.out = out;
        this.who = who;
    }

    @Override
    public boolean canAsk() {
        return console != null;
    }

    @Override
    public boolean confirm(Step step, Preview preview, String typedWord) {
        if (typedWord != null) {
            String answer = read("      HIGH RISK. Type '" + typedWord + "' to run it, anything else to skip: ");
            return typedWord.equals(answer);
        }
        String answer = read("      Run it? [y/N] ");
        return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }

    @Override
    public boolean acknowledge(Step step, String text) {
        String answer = read("      Done? [y/N] ");
        return answer != null && answer.toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    @Override
    public Boolean ask(Step step, String question) {
        String answer = read("      " + question + " [y/n] ");
        if (answer == null || answer.isBlank()) {
            return null;
        }
        return answer.toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    @Override
    public String who() {
        return who;
    }

    private String read(String prompt) {
        out.print(prompt);
        out.flush();
        String line = console.readLine();
        return line == null ? null : line.trim();
    }
}
