package dev.irm.connector.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one pod's spec and status say, in the terms the runbooks judge (restarts, OOMKilled, CrashLoopBackOff, limits), and its labels. */
record PodFacts(String name, String phase, boolean ready, long restarts, boolean oomKilled, boolean crashLoop,
                String waitingReason, long memoryLimit, long memoryRequest, boolean limited, String container, Instant startedAt,
                Map<String, String> labels) {

    static PodFacts of(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        long restarts = 0;
        boolean oom = false;
        boolean crash = false;
        boolean ready = !statuses.isEmpty();
        String waiting = "";
        for (ContainerStatus s : statuses) {
            restarts += s.getRestartCount() == null ? 0 : s.getRestartCount();
            ready &= Boolean.TRUE.equals(s.getReady());
            oom |= "OOMKilled".equals(terminatedReason(s.getLastState())) || "OOMKilled".equals(terminatedReason(s.getState()));
            if (s.getState() != null && s.getState().getWaiting() != null) {
                waiting = String.valueOf(s.getState().getWaiting().getReason());
                crash |= "CrashLoopBackOff".equals(waiting);
            }
        }
        List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        long limit = 0;
        long request = 0;
        boolean limited = !containers.isEmpty();
        for (Container c : containers) {
            long l = bytes(c.getResources() == null ? null : c.getResources().getLimits());
            limited &= l > 0;
            limit += l;
            request += bytes(c.getResources() == null ? null : c.getResources().getRequests());
        }
        String start = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        return new PodFacts(pod.getMetadata().getName(), pod.getStatus() == null ? "Unknown" : String.valueOf(pod.getStatus().getPhase()),
                ready, restarts, oom, crash, waiting, limit, request, limited,
                containers.isEmpty() ? null : containers.get(0).getName(), start == null ? null : Instant.parse(start),
                pod.getMetadata().getLabels());
    }

    private static String terminatedReason(io.fabric8.kubernetes.api.model.ContainerState state) {
        return state == null || state.getTerminated() == null ? null : state.getTerminated().getReason();
    }

    static long bytes(Map<String, Quantity> resources) {
        Quantity q = resources == null ? null : resources.get("memory");
        return q == null ? 0 : Quantity.getAmountInBytes(q).longValue();
    }

    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pod", name);
        row.put("phase", phase);
        row.put("ready", ready);
        row.put("restarts", restarts);
        row.put("oom_killed", oomKilled);
        row.put("waiting", waitingReason.isEmpty() ? "-" : waitingReason);
        row.put("memory_limit", memoryLimit);
        row.put("memory_request", memoryRequest);
        return row;
    }
}
