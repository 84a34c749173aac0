package dev.irm.cli;

/** Values of {@code -o}. Each command accepts the subset CONTRACT.md gives it. */
public enum OutputFormat {
    table, text, json, markdown
}
