package dev.irm.lab.faults;

import java.time.Duration;
import java.util.Map;

/** circuit-breaker-open: the external payment gateway fails (app switch) and calls to it open the breaker {@code paymentGateway}. */
final class CircuitBreakerOpen implements Fault {
    public String runbook() {
        return "circuit-breaker-open";
    }

    public String expected() {
        return "WARNING";
    }

    public String how() {
        return "the payment gateway fails (POST /lab/faults/external/fail?on=true), /api/payments/authorize called until the breaker is OPEN";
    }

    public Map<String, String> inject(LabAccess lab) {
        lab.app().fault("/external/fail?on=true");
        LabAccess.await("the breaker paymentGateway opening", Duration.ofSeconds(30), () -> {
            Load.send(5, i -> lab.app().post("/api/payments/authorize"));
            return lab.app().get("/actuator/circuitbreakers").body().contains("\"OPEN\"");
        });
        return Map.of();
    }

    /** Only the app's reset closes a breaker: it also clears the app's other switches. */
    public void heal(LabAccess lab, Map<String, String> remembered) {
        lab.app().fault("/external/fail?on=false");
        lab.app().fault("/reset");
        lab.forgetRequestSeries();
    }
}
