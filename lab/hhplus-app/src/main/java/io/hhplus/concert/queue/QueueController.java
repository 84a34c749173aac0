package io.hhplus.concert.queue;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class QueueController {
    private final QueueService queue;

    public QueueController(QueueService queue) {
        this.queue = queue;
    }

    @PostMapping("/api/queue/token")
    public Map<String, String> token() {
        return Map.of("token", queue.enqueue());
    }

    @GetMapping("/api/queue/status/{token}")
    public Map<String, String> status(@PathVariable String token) {
        return Map.of("token", token, "status", queue.status(token));
    }
}
