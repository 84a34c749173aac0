package dev.irm.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The deadline is the peer's time: a call still past it while this JVM loads classes (a cold client)
 * is waited for, up to the cap; a call that just waits is cut once the JVM is idle.
 */
class WorkersTest {
    /** A class to define again and again, each time in a loader of its own: real class loading. */
    public static final class Loaded {
    }

    @org.junit.jupiter.api.Test
    void aCallLoadingClassesPastItsDeadlineIsWaitedFor() throws Exception {
        byte[] bytes = classFile(Loaded.class);
        String answer = Workers.within(Duration.ofMillis(100), Duration.ofSeconds(60), () -> {
            long until = System.nanoTime() + Duration.ofMillis(800).toNanos();
            int defined = 0;
            while (System.nanoTime() < until) {
                new OneClassLoader(bytes).define(Loaded.class.getName());
                defined++;
                Thread.sleep(5);
            }
            return "answered after defining " + (defined > 0 ? "classes" : "nothing");
        });
        assertEquals("answered after defining classes", answer);
    }

    @org.junit.jupiter.api.Test
    void aCallThatOnlyWaitsIsCutAtItsDeadlineNotAtTheCap() {
        // if the grace applied to a peer that never answers, this would return "answered late" after 20 s
        Workers.DeadlineExceededException e = assertThrows(Workers.DeadlineExceededException.class,
                () -> Workers.within(Duration.ofMillis(100), Duration.ofSeconds(60), () -> {
                    Thread.sleep(20_000);
                    return "answered late";
                }));
        assertEquals("no answer within 100 ms", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void withoutACapTheDeadlineIsHard() {
        assertThrows(Workers.DeadlineExceededException.class, () -> Workers.within(Duration.ofMillis(100), () -> {
            byte[] bytes = classFile(Loaded.class);
            for (int i = 0; i < 2_000; i++) {
                new OneClassLoader(bytes).define(Loaded.class.getName());
                Thread.sleep(5);
            }
            return "answered late";
        }));
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static final class OneClassLoader extends ClassLoader {
        private final byte[] bytes;

        OneClassLoader(byte[] bytes) {
            super(null);
            this.bytes = bytes;
        }

        Class<?> define(String name) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
