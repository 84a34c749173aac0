package dev.irm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Two runs of one runbook started in the same second of one process (irm serve, tests) keep two records. */
class RecordWriterTest {

    @Test
    void runsInTheSameSecondGetFilesOfTheirOwn() throws Exception {
        Path dir = Files.createTempDirectory("irm-records");
        Instant sameSecond = Instant.parse("2026-12-02T06:08:10.100Z");
        Path first;
        Path second;
        try (RecordWriter a = RecordWriter.create(dir, "golden-redis", sameSecond);
             RecordWriter b = RecordWriter.create(dir, "golden-redis", sameSecond.plusMillis(500))) {
            first = a.file();
            second = b.file();
        }
        assertNotEquals(first, second);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
        assertEquals(first.getFileName().toString().replace(".jsonl", "_2.jsonl"), second.getFileName().toString());
        assertTrue(first.getFileName().toString().compareTo(second.getFileName().toString()) < 0, "names sort in the order the runs started");
    }
}
