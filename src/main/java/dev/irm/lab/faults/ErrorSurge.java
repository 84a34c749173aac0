package dev.irm.lab.faults;

import java.util.Map;

/**
 * error-surge: 20 % of the app's {@code /api/**} requests answer 500 (app switch /errors), under a load of
 * seat reads that lasts until Prometheus' 5-minute rate shows the errors (a few scrapes).
 */
final class ErrorSurge implements Fault {
    static final String FIVE_XX_RATE = "sum(rate(http_server_requests_seconds_count{status=~\"5..\",uri!~\"/actuator.*\"}[5m]))";

    public String runbook() {
        return "error-surge";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "20 % of /api/** answer 500 (POST /lab/faults/errors?percent=20) under seat-read load until Prometheus shows the rate";
    }

    public Map<String, String> inject(LabAccess lab) {
        lab.app().fault("/errors?percent=20");
        Load.until(40, i -> lab.app().get("/api/concerts/1/seats"), "the 5xx rate in Prometheus",
                () -> lab.prometheusValue(FIVE_XX_RATE) > 0);
        return Map.of();
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        lab.app().fault("/errors?percent=0");
        lab.forgetRequestSeries();
        lab.freshAppLogs();
    }
}
