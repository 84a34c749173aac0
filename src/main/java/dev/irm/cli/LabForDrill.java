package dev.irm.cli;

import dev.irm.drill.DrillLab;
import dev.irm.lab.LabEndpoints;
import dev.irm.lab.InjectedFaults;
import dev.irm.lab.LabContext;
import dev.irm.lab.LabFaults;
import dev.irm.lab.LabHome;
import dev.irm.lab.LabState;
import java.util.Optional;

/** The running lab for {@code irm drill}: what {@code irm lab up} recorded, and its faults. */
final class LabForDrill implements DrillLab {
    private final Session session;

    LabForDrill(Session session) {
        this.session = session;
    }

    @Override
    public Optional<LabEndpoints> running() {
        return LabState.read(LabHome.stateDir(session.environment().env())).map(LabState::endpoints);
    }

    @Override
    public LabFaults faults(LabEndpoints lab) {
        return new InjectedFaults(lab);
    }

    @Override
    public String context() {
        return LabContext.NAME;
    }
}
