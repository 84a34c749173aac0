package io.hhplus.concert.external;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GatewayController {
    private final PaymentGateway gateway;

    public GatewayController(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @PostMapping("/api/payments/authorize")
    public Map<String, String> authorize(@RequestParam(defaultValue = "ref") String reference) {
        return gateway.authorize(reference);
    }

    @ExceptionHandler(PaymentGateway.GatewayUnavailable.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    public Map<String, String> unavailable(PaymentGateway.GatewayUnavailable e) {
        return Map.of("error", e.getMessage());
    }
}
