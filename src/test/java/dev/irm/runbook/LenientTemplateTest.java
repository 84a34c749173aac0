package dev.irm.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message fills every reference it can and marks the rest, instead of printing the raw template. */
class LenientTemplateTest {
    private static final Map<String, Object> SCOPE = Map.of("incident", Map.of("owner", "kim"), "rate", 0.125);

    @Test
    void fillsWhatItCanAndMarksTheRest() {
        assertEquals("[P1] since ‹unknown›: 12.5% fail — owner kim",
                LenientTemplate.render("[P1] since ${incident.started_at}: ${fmt:pct(rate * 100)} fail — owner ${incident.owner}", SCOPE));
    }

    @Test
    void bracesAndQuotesInsideAReferenceDoNotEndIt() {
        assertEquals("a } b / kim", LenientTemplate.render("${'a } b'} / ${incident.owner}", SCOPE));
        assertEquals("x ‹unknown›", LenientTemplate.render("x ${nope(", SCOPE));
        assertEquals("plain text", LenientTemplate.render("plain text", SCOPE));
    }
}
