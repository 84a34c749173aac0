package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics read the API server's JSON as trees ({@link K8sJson}): what each view makes of the fields an API
 * server may leave out (a pod just created has no status, a deployment need not set replicas, a new-style event has
 * only eventTime). The connector tests read the same views through fabric8's mock API server.
 */
class K8sJsonViewsTest {

    @Test
    void podFactsFromARestartedOomKilledPodAndFromOneWithoutStatus() {
        PodFacts oom = PodFacts.of(K8sJson.parse("""
                {"metadata":{"name":"ledger-7f-1","labels":{"app":"ledger"}},
                 "spec":{"containers":[{"name":"api","resources":{"limits":{"memory":"1.5Gi"},"requests":{"memory":"768Mi"}}},
                                       {"name":"sidecar","resources":{"limits":{"memory":"64Mi"}}}]},
                 "status":{"phase":"Running","startTime":"2026-12-01T03:00:00Z","containerStatuses":[
                   {"name":"api","ready":false,"restartCount":4,"lastState":{"terminated":{"reason":"OOMKilled"}},
                    "state":{"waiting":{"reason":"CrashLoopBackOff"}}},
                   {"name":"sidecar","ready":true,"restartCount":1,"state":{"running":{}}}]}}"""));
        assertEquals("ledger-7f-1", oom.name());
        assertEquals(5, oom.restarts());
        assertTrue(oom.oomKilled());
        assertTrue(oom.crashLoop());
        assertFalse(oom.ready());
        assertEquals("CrashLoopBackOff", oom.waitingReason());
        assertEquals(1536L * 1024 * 1024 + 64L * 1024 * 1024, oom.memoryLimit());
        assertEquals(768L * 1024 * 1024, oom.memoryRequest());
        assertTrue(oom.limited());
        assertEquals("api", oom.container());
        assertEquals(Instant.parse("2026-12-01T03:00:00Z"), oom.startedAt());
        assertEquals(Map.of("app", "ledger"), oom.labels());

        PodFacts fresh = PodFacts.of(K8sJson.parse("""
                {"metadata":{"name":"ledger-7f-2"},"spec":{"containers":[{"name":"api","resources":{}}]}}"""));
        assertEquals("Unknown", fresh.phase());
        assertFalse(fresh.ready());
        assertEquals(0, fresh.restarts());
        assertFalse(fresh.limited());
        assertEquals(0, fresh.memoryLimit());
        assertNull(fresh.startedAt());
        assertEquals(Map.of(), fresh.labels());
    }

    @Test
    void deploymentWithoutReplicasWantsOneAndReplicaSetNamesItsOwner() {
        DeploymentView d = DeploymentView.of(K8sJson.parse("""
                {"metadata":{"name":"ledger","annotations":{"deployment.kubernetes.io/revision":"7"}},
                 "spec":{"template":{"spec":{"containers":[{"image":"ledger:2.1"},{"image":"envoy:1.30"}]}}},
                 "status":{"readyReplicas":1}}"""));
        assertEquals(1, d.desired());
        assertEquals(1, d.ready());
        assertEquals(0, d.available());
        assertEquals(7, d.revision());
        assertEquals("ledger:2.1, envoy:1.30", d.images());

        ReplicaSetView rs = ReplicaSetView.of(K8sJson.parse("""
                {"metadata":{"name":"ledger-5c","creationTimestamp":"2026-12-01T02:00:00Z",
                  "annotations":{"deployment.kubernetes.io/revision":"6"},
                  "ownerReferences":[{"kind":"Deployment","name":"ledger"},{"kind":"Other","name":"x"}]},
                 "spec":{"template":{"spec":{"containers":[{"image":"ledger:2.0"}]}}},"status":{"replicas":0}}"""));
        assertEquals(List.of("ledger"), rs.ownerDeployments());
        assertEquals(6, rs.revision());
        assertEquals("ledger:2.0", rs.images());
        assertEquals(0, rs.replicas());
    }

    @Test
    void eventsAreDatedByTheirLatestStampAndUsageIsSummedOverContainers() {
        EventView e = EventView.of(K8sJson.parse("""
                {"type":"Warning","reason":"OOMKilling","message":"Memory cgroup out of memory",
                 "eventTime":"2026-12-01T03:04:05.123456Z","involvedObject":{"kind":"Pod","name":"ledger-7f-1"}}"""));
        assertEquals(Instant.parse("2026-12-01T03:04:05.123456Z"), e.lastSeen());
        assertEquals(1, e.count());
        assertEquals("Pod/ledger-7f-1", e.object());
        assertEquals("", EventView.of(K8sJson.parse("{\"type\":\"Normal\",\"count\":3}")).object());

        PodUsage u = PodUsage.of(K8sJson.parse("""
                {"metadata":{"name":"ledger-7f-1"},"containers":[{"usage":{"memory":"300Mi","cpu":"250m"}},
                 {"usage":{"memory":"20Mi","cpu":"1500000n"}}]}"""));
        assertEquals(320L * 1024 * 1024, u.memory());
        assertEquals(0.2515, u.cpu(), 1e-9);
    }
}
