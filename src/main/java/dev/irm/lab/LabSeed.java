package dev.irm.lab;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The seed rows of a new lab's database (resource {@code hhplus-seed.sql}); the tests reset the app's tables to them. */
public final class LabSeed {
    private LabSeed() {
    }

    /** The INSERT statements, in order, each naming its table as {@code hhplus.TABLE}. */
    public static List<String> statements() {
        String text = Lab.resource("hhplus-seed.sql").lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(text.split(";\\s*(\n|$)")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
