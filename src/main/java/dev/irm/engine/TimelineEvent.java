package dev.irm.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** One line of a run's timeline: what happened, when, to which step. Never holds a secret. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TimelineEvent(Instant at, String event, String step, String title, String status,
                            String message, Map<String, Object> data) {

    public TimelineEvent {
        data = data == null ? Map.of() : data;
    }

    public static TimelineEvent of(String event, String step, String title, String status, String message,
                                   Map<String, Object> data) {
        return new TimelineEvent(Instant.now(), event, step, title, status, message, data);
    }
}
