package dev.irm.drill;

import dev.irm.lab.LabEndpoints;
import dev.irm.lab.LabFaults;
import java.util.Optional;

/** The lab as a drill needs it: whether it is up, its faults, and the context that reaches it. */
public interface DrillLab {

    /** The running lab's endpoints; empty when no lab is up. */
    Optional<LabEndpoints> running();

    /** The faults of the running lab. */
    LabFaults faults(LabEndpoints lab);

    /** The config context {@code irm lab up} wrote for it. */
    String context();
}
