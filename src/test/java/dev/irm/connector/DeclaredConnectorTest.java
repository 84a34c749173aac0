package dev.irm.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a connector runs the actions its target declared: by the declaration's effect, so a read name
 * cannot reach a writer, a write cannot run without consent, and a name is declared only once.
 * (The engine side, with a fake connector, is tested by the engine's own tests.)
 */
class DeclaredConnectorTest {
    private final List<String> calls = new ArrayList<>();

    private final Actions<String, StringBuilder> declared = Actions.<String, StringBuilder>of("demo")
            .read("look", "reads the session", (session, args) -> {
                calls.add("look on " + session);
                return Observation.of(Map.of("seen", session));
            }, Param.optional("n", "how many").as(ParamType.INTEGER))
            .write("change", Risk.MEDIUM, "changes the writer",
                    (session, args) -> {
                        calls.add("preview on " + session);
                        return Preview.of("change " + session, "one thing", 1, null);
                    },
                    (writer, args, consent) -> {
                        calls.add("apply on " + writer.append("!"));
                        return Observation.of(Map.of("changed", true));
                    });

    private final Connector connector = new DeclaredConnector<>(declared, "read-only view", new StringBuilder("writer")) {
        @Override
        public String endpoint() {
            return "demo";
        }

        @Override
        public void close() {
        }
    };

    @Test
    void eachCallReachesTheHandlerOfItsDeclaredEffect() throws Exception {
        assertEquals("read-only view", connector.read("look", Args.of()).metrics().get("seen"));
        assertEquals("change read-only view", connector.preview("change", Args.of()).command());
        assertEquals(List.of("look on read-only view", "preview on read-only view"), calls);
        assertEquals(List.of("demo.look", "demo.change"), declared.specs().stream().map(ActionSpec::qualifiedName).toList());
        assertEquals(Effect.WRITE, declared.specs().get(1).effect());
    }

    @Test
    void aReadNameIsNoWriteAndAWriteNameNoRead() {
        assertEquals("demo has no read action 'change'",
                assertThrows(IllegalArgumentException.class, () -> connector.read("change", Args.of())).getMessage());
        assertEquals("demo has no write action 'look'",
                assertThrows(IllegalArgumentException.class, () -> connector.preview("look", Args.of())).getMessage());
        assertEquals("demo has no read action 'gone'",
                assertThrows(IllegalArgumentException.class, () -> connector.read("gone", Args.of())).getMessage());
        assertEquals(List.of(), calls);
    }

    @Test
    void aWriteWithoutConsentNeverReachesItsApply() {
        assertThrows(IllegalStateException.class, () -> connector.write("change", Args.of(), null));
        assertEquals(List.of(), calls);
    }

    @Test
    void aNameIsDeclaredOnceAndOnlyForItsTarget() {
        Actions<String, StringBuilder> again = Actions.<String, StringBuilder>of("demo")
                .read("look", "a second look", (session, args) -> Observation.of(Map.of()));
        assertEquals("demo.look is declared twice", assertThrows(IllegalStateException.class, () -> declared.and(again)).getMessage());
        Actions<String, StringBuilder> other = Actions.<String, StringBuilder>of("other")
                .read("peek", "elsewhere", (session, args) -> Observation.of(Map.of()));
        assertEquals("other.peek is not an action of demo", assertThrows(IllegalArgumentException.class, () -> declared.and(other)).getMessage());
    }
}
