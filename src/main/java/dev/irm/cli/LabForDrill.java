package dev.irm.cli;

import dev.irm.drill.DrillLab;
import dev.irm.lab.LabEndpoints;
import dev.irm.lab.LabFaults;
import java.util.Optional;

/** The running lab for {@code irm drill}: what {@code irm lab up} recorded, and its faults. */
final class LabForDrill implements DrillLab {
    static final String CONTEXT = "lab";

    private final Session session;

    LabForDrill(Session session) {
        this.session = session;
    }

    @Override
    public Optional<LabEndpoints> running() {
        // irm lab up (branch lab-core) is not merged here yet: no lab can be running
        return Optional.empty();
    }

    @Override
    public LabFaults faults(LabEndpoints lab) {
        throw new IllegalStateException("no lab faults in this build (irm lab is not merged)");
    }

    @Override
    public String context() {
        return CONTEXT;
    }
}
