package io.hhplus.concert.external;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The external payment gateway call, behind the Resilience4j breaker {@code paymentGateway}
 * (application.properties). The lab's fault makes the call fail; the breaker opens after enough failures.
 */
@Component
public class PaymentGateway {
    private volatile boolean failing;

    @CircuitBreaker(name = "paymentGateway", fallbackMethod = "unavailable")
    public Map<String, String> authorize(String reference) {
        if (failing) {
            throw new IllegalStateException("payment gateway: connection reset");
        }
        return Map.of("reference", reference, "result", "APPROVED");
    }

    Map<String, String> unavailable(String reference, Throwable cause) {
        throw new GatewayUnavailable(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    public void failing(boolean on) {
        failing = on;
    }

    public static final class GatewayUnavailable extends RuntimeException {
        public GatewayUnavailable(String message) {
            super(message);
        }
    }
}
