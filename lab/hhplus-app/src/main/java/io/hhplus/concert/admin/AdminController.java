package io.hhplus.concert.admin;

import io.hhplus.concert.scheduler.QueueScheduler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The queue-stall mitigation of seed 000 §3.1: run the activation scheduler once, with the admin bearer token. */
@RestController
public class AdminController {
    private final QueueScheduler scheduler;
    private final String token;

    public AdminController(QueueScheduler scheduler, @Value("${hhplus.admin.token:}") String token) {
        this.scheduler = scheduler;
        this.token = token;
    }

    @PostMapping("/admin/queue/activate")
    public ResponseEntity<Map<String, Object>> activate(@RequestHeader(value = "Authorization", required = false) String auth) {
        if (token.isEmpty() || auth == null || !MessageDigest.isEqual(
                ("Bearer " + token).getBytes(StandardCharsets.UTF_8), auth.getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "admin token required"));
        }
        return ResponseEntity.ok(Map.of("activated", scheduler.runOnce("admin")));
    }
}
