package dev.irm.lab.faults;

import java.util.Map;

/** app-schedulers: the seat-hold cleanup (every 10 s) keeps running but logs nothing: its heartbeat is missing after 20 s. */
final class AppSchedulers implements Fault {
    public String runbook() {
        return "app-schedulers";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "seat-hold cleanup scheduler silenced (POST /lab/faults/scheduler/seat-hold/stop): no [좌석점유정리] line for > 20 s";
    }

    /** app-schedulers.yaml names unknown-outage as the runbook of a silent seat-hold scheduler (process.scheduler-seat-hold). */
    @Override
    public String foundAs() {
        return "unknown-outage";
    }

    public Map<String, String> inject(LabAccess lab) {
        lab.app().fault("/scheduler/seat-hold/stop");
        return Map.of();
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        lab.app().fault("/scheduler/seat-hold/start");
    }
}
