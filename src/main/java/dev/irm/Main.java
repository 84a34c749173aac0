package dev.irm;

import dev.irm.cli.CommandLineFactory;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CommandLineFactory.execute(args, System.out, System.err, System.getenv()));
    }
}
