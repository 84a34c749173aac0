package dev.irm.lab;

/** {@code irm lab status}, one part: whether its process runs, its port and pid, and what its health probe says. */
public record LabPartStatus(String part, boolean up, int port, long pid, String endpoint, String health) {
}
