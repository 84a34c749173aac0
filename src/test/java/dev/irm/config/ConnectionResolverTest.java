package dev.irm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.ConnectorRegistry;
import dev.irm.connector.DeclaredFactory;
import dev.irm.connector.TargetSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A target's declared settings resolve option → environment → context → local default; secrets do not name it. */
class ConnectionResolverTest {
    private static final ConnectorRegistry REGISTRY = new ConnectorRegistry(List.of(new DeclaredFactory("vault", 1,
            ConnectionSetting.of("addr").option("URL", "address", "--vault").env("VAULT_ADDR").defaultValue("http://127.0.0.1:8200"),
            ConnectionSetting.of("dir").defaultFrom(env -> env.get("HOME") + "/.vault"),
            ConnectionSetting.of("apikey").env("VAULT_KEY").asSecret())));

    private static TargetSettings resolve(Map<String, String> options, Map<String, String> env, ContextConfig context) {
        return new ConnectionResolver(REGISTRY, options, env, context).resolve("vault");
    }

    private static ContextConfig section(Map<String, Object> values) {
        return new ContextConfig(null, Map.of("vault", values), null, null);
    }

    @Test
    void firstMatchWins() {
        Map<String, String> env = Map.of("VAULT_ADDR", "http://env:1", "HOME", "/home/op");
        assertEquals("http://opt:1", resolve(Map.of("vault.addr", "http://opt:1"), env, section(Map.of("addr", "http://ctx:1"))).get("addr"));
        assertEquals("http://env:1", resolve(Map.of(), env, section(Map.of("addr", "http://ctx:1"))).get("addr"));
        assertEquals("http://ctx:1", resolve(Map.of(), Map.of(), section(Map.of("addr", "http://ctx:1"))).get("addr"));
        TargetSettings defaults = resolve(Map.of(), Map.of("HOME", "/home/op"), null);
        assertEquals("http://127.0.0.1:8200", defaults.get("addr"));
        assertEquals("/home/op/.vault", defaults.get("dir"), "a local default may follow the environment");
        assertFalse(defaults.named(), "only local defaults: the target is not named");
        assertEquals(defaults, resolve(Map.of(), Map.of("HOME", "/home/op"), new ContextConfig(null, null, null, null)),
                "a context with no sections is as none");
    }

    @Test
    void aSecretAloneDoesNotNameTheTargetAndIsNeverShown() {
        TargetSettings withKey = resolve(Map.of(), Map.of("VAULT_KEY", "k-123456"), null);
        assertEquals("k-123456", withKey.get("apikey"));
        assertFalse(withKey.named());
        assertTrue(withKey.isSecret("apikey"));
        assertFalse(withKey.toString().contains("k-123456"), withKey.toString());
        assertTrue(resolve(Map.of(), Map.of("VAULT_ADDR", "http://env:1"), null).named());
        assertTrue(resolve(Map.of(), Map.of(), section(Map.of("addr", "http://ctx:1"))).named());
    }
}
