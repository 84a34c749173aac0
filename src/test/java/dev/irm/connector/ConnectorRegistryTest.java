package dev.irm.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry is the only list of targets: what is discovered, in the declared order; names checked. */
class ConnectorRegistryTest {

    @Test
    void targetsComeInTheirDeclaredOrderThenByName() {
        ConnectorRegistry registry = new ConnectorRegistry(List.of(new DeclaredFactory("zeta", 5), new DeclaredFactory("beta", 1000),
                new DeclaredFactory("alpha", 1000), new DeclaredFactory("first", 1)));
        assertEquals(List.of("first", "zeta", "alpha", "beta"), registry.targets());
        assertTrue(registry.action("alpha.ping").isPresent());
    }

    @Test
    void theBuiltInTargetsKeepContractOrder() {
        assertEquals(List.of("redis", "mysql", "kafka", "k8s", "docker", "http", "process"), ConnectorRegistry.discover().targets());
    }

    @Test
    void aNameThatCannotBeAnActionPrefixOrIsAllOrTakenTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectorRegistry(List.of(new DeclaredFactory("Bad.name", 1))));
        assertThrows(IllegalArgumentException.class, () -> new ConnectorRegistry(List.of(new DeclaredFactory("all", 1))));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new ConnectorRegistry(List.of(new DeclaredFactory("dup", 1), new DeclaredFactory("dup", 2))));
        assertTrue(twice.getMessage().contains("two connectors for target 'dup'"), twice.getMessage());
    }

    @Test
    void declaredSecretsAreSecretsWhateverTheirName() {
        ConnectorRegistry registry = new ConnectorRegistry(List.of(new DeclaredFactory("vault", 1,
                ConnectionSetting.of("addr").option("URL", "address", "--vault"), ConnectionSetting.of("apikey").env("VAULT_KEY").asSecret())));
        assertEquals(Set.of("apikey"), registry.secretKeys("vault"));
        TargetSettings settings = new TargetSettings("vault", Map.of("apikey", "k-123456", "addr", "http://h:1",
                "properties.sasl.jaas.config", "x"), Duration.ofSeconds(1), true, registry.secretKeys("vault"));
        assertTrue(settings.isSecret("apikey"));
        assertTrue(settings.isSecret("properties.sasl.jaas.config"), "a free-form key named like a secret is one too");
        assertFalse(settings.isSecret("addr"));
        assertFalse(settings.toString().contains("k-123456"), settings.toString());
        assertThrows(IllegalArgumentException.class, () -> ConnectionSetting.of("token").asSecret().option("T", "a token", "--token"),
                "a secret never goes into process arguments");
    }
}
