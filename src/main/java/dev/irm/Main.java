package dev.irm;

import dev.irm.cli.CommandLineFactory;
import dev.irm.support.ClientThreads;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = CommandLineFactory.execute(args, System.out, System.err, System.getenv());
        ClientThreads.releaseBeforeExit();
        System.exit(code);
    }
}
