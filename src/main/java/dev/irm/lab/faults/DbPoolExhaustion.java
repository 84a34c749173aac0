package dev.irm.lab.faults;

import java.util.Map;

/** db-pool-exhaustion: the app takes 90 % of its HikariCP pool and keeps it (app switch /pool/hold). */
final class DbPoolExhaustion implements Fault {
    public String runbook() {
        return "db-pool-exhaustion";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "the app holds 90 % of its HikariCP pool (POST /lab/faults/pool/hold)";
    }

    public Map<String, String> inject(LabAccess lab) {
        double max = lab.app().metric("hikaricp.connections.max");
        int hold = (int) Math.ceil((max > 0 ? max : 10) * 0.9);
        lab.app().holdConnections(hold);
        return Map.of("held", Integer.toString(hold));
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        lab.app().fault("/pool/release");
    }
}
