package io.hhplus.concert.payment;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PaymentController {
    private final PaymentService payments;

    public PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @PostMapping("/api/payments")
    public Map<String, Object> pay(@RequestParam long reservationId, @RequestParam long userId, @RequestParam long amount) {
        return payments.pay(reservationId, userId, amount);
    }

    @ExceptionHandler(PaymentService.PaymentConflict.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    public Map<String, String> conflict(PaymentService.PaymentConflict e) {
        return Map.of("error", e.getMessage());
    }
}
