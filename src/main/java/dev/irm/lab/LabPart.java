package dev.irm.lab;

import java.nio.file.Path;

/** One started part of the lab: its process (pid and start time, so a reused pid is never taken for it), port and log. */
public record LabPart(String name, int port, long pid, long startedAt, String endpoint, Path log) {
}
