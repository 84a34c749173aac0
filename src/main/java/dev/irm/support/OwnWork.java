package dev.irm.support;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Whether this JVM spent the last moments on its own start-up rather than waiting on a peer: it loaded
 * classes, or it used at least a quarter of a core. Read only once a deadline has passed (the
 * management beans cost ~30 ms to set up in a cold JVM), so a command that meets its deadlines pays nothing.
 */
final class OwnWork {
    static final Duration SLICE = Duration.ofMillis(100);
    private static final long BUSY_CPU_PER_WALL = 4;

    private OwnWork() {
    }

    record Mark(long classes, long cpuNanos, long wallNanos) {
        boolean busySince(Mark earlier) {
            long wall = Math.max(1, wallNanos - earlier.wallNanos);
            return classes != earlier.classes || (cpuNanos - earlier.cpuNanos) * BUSY_CPU_PER_WALL >= wall;
        }
    }

    static Mark mark() {
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        return new Mark(Beans.CLASSES.getTotalLoadedClassCount(), cpu, System.nanoTime());
    }

    private static final class Beans {
        static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    }
}
