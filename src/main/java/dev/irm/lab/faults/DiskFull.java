package dev.irm.lab.faults;

import dev.irm.lab.DockerDataRoot;
import dev.irm.lab.Lab;
import dev.irm.support.IrmException;
import java.util.Map;

/**
 * disk-full: the Docker data root fills with an unused image, as images and build cache pile up on a host;
 * only in the lab's own engine, whose data root lab up puts on a tmpfs of its own (never the host's disk).
 * The runbook's clean-up ({@code docker image prune -a}) reclaims it; heal removes the image.
 */
final class DiskFull implements Fault {
    static final double FILL_PCT = 93;

    public String runbook() {
        return "disk-full";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "an unused image (" + DockerDataRoot.FILLER + ", zeros) fills the lab engine's data root (a tmpfs of its own) to "
                + (int) FILL_PCT + " %";
    }

    public Map<String, String> inject(LabAccess lab) throws Exception {
        if (!lab.appInContainer()) {
            throw IrmException.usage("disk-full needs the lab's Docker engine: this lab runs the app as a process (lab up as root starts one)");
        }
        if (!DockerDataRoot.ownMount(lab.endpoints().stateDir().resolve(Lab.DOCKER))) {
            throw IrmException.usage("disk-full fills only a data root of the lab's own: this engine's is on the host's disk"
                    + " (lab up could not mount its tmpfs)");
        }
        return Map.of("bytes", Long.toString(DockerDataRoot.fill(lab.endpoints(), FILL_PCT)));
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        if (lab.appInContainer()) {
            DockerDataRoot.unfill(lab.endpoints());
        }
    }
}
