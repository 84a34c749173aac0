package dev.irm.connector.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The log endpoint irm reads: names encoded (a {@code --set pod=} value cannot leave the pod's path), fabric8's parameter order. */
class LogPathTest {
    @Test
    void aPodsLogWithItsContainerAndWindow() {
        assertEquals("/api/v1/namespaces/hhplus/pods/hhplus-app-7d9/log?pretty=false&container=app&sinceSeconds=1800&tailLines=5000&timestamps=true",
                ReadOnlyCluster.logPath("hhplus", "hhplus-app-7d9", "app", 1800, 5000, false));
        assertEquals("/api/v1/namespaces/hhplus/pods/p/log?pretty=false&previous=true&sinceSeconds=600&tailLines=10&timestamps=true",
                ReadOnlyCluster.logPath("hhplus", "p", null, 600, 10, true));
    }

    @Test
    void hostileNamesStayInsideTheirPathSegmentAndParameter() {
        assertEquals("/api/v1/namespaces/ns/pods/..%2F..%2Fsecrets%3Fx%3D1/log?pretty=false&container=a%26previous%3Dtrue%20b"
                        + "&sinceSeconds=60&tailLines=1&timestamps=true",
                ReadOnlyCluster.logPath("ns", "../../secrets?x=1", "a&previous=true b", 60, 1, false));
    }
}
