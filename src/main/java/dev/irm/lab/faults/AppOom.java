package dev.irm.lab.faults;

import java.time.Duration;
import java.util.Map;

/**
 * app-oom: the app leaks 64 MiB a second until its heap is gone and logs the OutOfMemoryError (app switch
 * /memory/leak; the leak is then released). Heal stops the leak and rotates the app's log, whose
 * OutOfMemoryError would otherwise stay in the checks' 30-minute window; a container (OOM-killed, perhaps) is
 * created afresh instead.
 */
final class AppOom implements Fault {
    public String runbook() {
        return "app-oom";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "the app leaks 64 MiB/s until java.lang.OutOfMemoryError (POST /lab/faults/memory/leak)";
    }

    public Map<String, String> inject(LabAccess lab) {
        lab.app().fault("/memory/leak?mbPerSecond=64");
        if (lab.endpoints().appLog() != null) {
            LabAccess.await("the app's OutOfMemoryError", Duration.ofSeconds(60), () -> lab.appLogContains("OutOfMemoryError"));
        } else {
            // in a container the kernel kills the JVM at the memory limit (the heap may grow past it); else the app releases the leak
            boolean[] grew = {false};
            LabAccess.await("the app's container OOM-killed or its heap running out", Duration.ofSeconds(60), () -> {
                if (lab.appOomKilled()) {
                    return true;
                }
                try {
                    boolean empty = lab.app().get("/lab/faults").body().contains("\"leakedMiB\":0");
                    grew[0] |= !empty;
                    return grew[0] && empty;
                } catch (RuntimeException e) {
                    return false; // being killed
                }
            });
        }
        return Map.of();
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        if (!lab.appInContainer()) {
            lab.app().fault("/reset");
        }
        lab.freshAppLogs();
    }
}
