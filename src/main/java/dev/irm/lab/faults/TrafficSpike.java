package dev.irm.lab.faults;

import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * traffic-spike: a bounded burst on loopback: 1,500 users enter the waiting queue at once through the
 * app's own endpoint (8 threads). Heal takes exactly those tokens out of the queue again.
 */
final class TrafficSpike implements Fault {
    private static final int USERS = 1500;

    public String runbook() {
        return "traffic-spike";
    }

    public String expected() {
        return "WARNING";
    }

    public String how() {
        return USERS + " POST /api/queue/token from 8 threads on loopback: the waiting queue jumps past 500";
    }

    public Map<String, String> inject(LabAccess lab) {
        List<String> bodies = Load.send(lab.app(), USERS, i -> lab.app().post("/api/queue/token"));
        StringBuilder tokens = new StringBuilder();
        for (String body : bodies) {
            int at = body.indexOf("\"token\":\"");
            if (at >= 0) {
                int from = at + "\"token\":\"".length();
                tokens.append(tokens.length() == 0 ? "" : ",").append(body, from, body.indexOf('"', from));
            }
        }
        return Map.of("tokens", tokens.toString());
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        String tokens = remembered.getOrDefault("tokens", "");
        if (!tokens.isEmpty()) {
            String[] each = tokens.split(",");
            try (Jedis redis = lab.redis()) {
                redis.zrem(QueueStall.WAITING, each);
                redis.zrem(QueueStall.ACTIVE, each);
            }
        }
        lab.forgetRequestSeries();
    }
}
