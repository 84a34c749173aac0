package dev.irm.lab;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.irm.lab.faults.Fault;
import dev.irm.lab.faults.LabAccess;
import dev.irm.lab.faults.LabFaultCatalog;
import dev.irm.support.AtomicFile;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import dev.irm.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link LabFaults} on a running lab: each fault of {@link LabFaultCatalog}, with what is injected (and what
 * heal needs to undo it) kept in {@code faults.json} of the lab's state folder between commands.
 */
public final class InjectedFaults implements LabFaults {
    private static final TypeReference<LinkedHashMap<String, Map<String, String>>> STATE = new TypeReference<>() {
    };
    private final LabAccess lab;
    private final Path stateFile;

    public InjectedFaults(LabEndpoints endpoints) {
        this.lab = new LabAccess(endpoints);
        this.stateFile = endpoints.stateDir().resolve("faults.json");
    }

    /** The faults of the lab of this user ({@code $XDG_STATE_HOME/irm/lab}); a usage error naming {@code irm lab up} when none runs. */
    public static InjectedFaults ofRunningLab(Map<String, String> env) {
        return new InjectedFaults(LabState.read(LabHome.stateDir(env)).map(LabState::endpoints)
                .orElseThrow(() -> IrmException.usage("no lab is running (start one with: irm lab up)")));
    }

    /**
     * Heals what is injected before {@code irm lab down}: a part stopped by SIGSTOP would only die by SIGKILL,
     * and a kept {@code faults.json} would name pids of a lab that is gone. Best effort: down goes on regardless.
     */
    public static void healBeforeDown(LabEndpoints endpoints) {
        try {
            new InjectedFaults(endpoints).heal(null);
        } catch (RuntimeException e) {
            // the parts are stopped next anyway
        }
    }

    @Override
    public List<Scenario> scenarios() {
        return LabFaultCatalog.scenarios();
    }

    @Override
    public void inject(String runbook) {
        Fault fault = LabFaultCatalog.require(runbook);
        Map<String, Map<String, String>> injected = load();
        if (injected.containsKey(runbook)) {
            // a second injection would remember the broken state as the one to restore (redis-oom's maxmemory)
            throw IrmException.usage(runbook + " is already broken (undo it with: irm lab heal " + runbook + ")");
        }
        try {
            injected.put(runbook, Map.copyOf(fault.inject(lab)));
        } catch (IrmException e) {
            throw e;
        } catch (Exception e) {
            throw new IrmException(ExitCode.UNKNOWN, "cannot break " + runbook + ": " + e.getMessage(), e);
        } finally {
            injected.putIfAbsent(runbook, Map.of());
            save(injected);
        }
    }

    @Override
    public void heal(String runbook) {
        Map<String, Map<String, String>> injected = load();
        List<String> healing = runbook == null ? new ArrayList<>(injected.keySet()) : List.of(runbook);
        if (runbook != null) {
            LabFaultCatalog.require(runbook);
        }
        List<String> failed = new ArrayList<>();
        for (String id : healing) {
            try {
                LabFaultCatalog.require(id).heal(lab, injected.getOrDefault(id, Map.of()));
            } catch (Exception e) {
                failed.add(id + ": " + e.getMessage());
                continue;
            }
            lab.freshRedisStats();
            injected.remove(id);
            save(injected);
        }
        if (!failed.isEmpty()) {
            throw new IrmException(ExitCode.UNKNOWN, "cannot heal " + String.join("; ", failed) + " (still recorded: irm lab heal tries again)");
        }
    }

    /** The runbooks whose fault is in, as recorded (oldest first). */
    public List<String> injected() {
        return new ArrayList<>(load().keySet());
    }

    private Map<String, Map<String, String>> load() {
        try {
            return Files.exists(stateFile) ? Json.MAPPER.readValue(stateFile.toFile(), STATE) : new LinkedHashMap<>();
        } catch (IOException e) {
            throw new IrmException(ExitCode.UNKNOWN, "cannot read " + stateFile + ": " + e.getMessage(), e);
        }
    }

    private void save(Map<String, Map<String, String>> injected) {
        try {
            AtomicFile.write(stateFile, Json.pretty(injected), false);
        } catch (IOException e) {
            throw new IrmException(ExitCode.UNKNOWN, "cannot write " + stateFile + ": " + e.getMessage(), e);
        }
    }
}
