package dev.irm.lab.faults;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.support.IrmException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** redis-down and kafka-broker-down SIGSTOP what listens on a port: only ever the lab's recorded part, never this JVM. */
class FrozenProcessTest {

    @Test
    void aPortThisJvmListensOnIsFoundAsThisJvmAndNeverStopped() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long pid = FrozenProcess.listeningOn(socket.getLocalPort());
            assertEquals(ProcessHandle.current().pid(), pid);
            IrmException refused = assertThrows(IrmException.class,
                    () -> FrozenProcess.requireOwnedBy(pid, Optional.of(other.toHandle()), "Redis"));
            assertTrue(refused.getMessage().contains("not the lab's Redis"), refused.getMessage());
            assertThrows(IrmException.class, () -> FrozenProcess.requireOwnedBy(pid, Optional.empty(), "Redis"));
            assertThrows(IrmException.class, () -> FrozenProcess.requireOwnedBy(pid, Optional.of(ProcessHandle.current()), "Redis"));
            assertDoesNotThrow(() -> FrozenProcess.requireOwnedBy(other.pid(), Optional.of(other.toHandle()), "Redis"));
        } finally {
            other.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
