package dev.irm.cli;

import dev.irm.IrmException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Values of {@code -o}. Each command accepts the subset CONTRACT.md gives it. */
public enum OutputFormat {
    table, text, json, markdown;

    /** Fails with a usage error unless this format is one the command writes. */
    void requireOneOf(String command, OutputFormat... allowed) {
        if (!Arrays.asList(allowed).contains(this)) {
            throw IrmException.usage("-o " + this + ": " + command + " writes "
                    + Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(" or ")));
        }
    }
}
