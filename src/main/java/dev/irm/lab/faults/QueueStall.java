package dev.irm.lab.faults;

import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * queue-stall: the queue scheduler stops (app switch) while users wait: lab tokens in {@code queue:waiting},
 * {@code queue:active} emptied (its members are kept for heal), so nobody is ever activated.
 */
final class QueueStall implements Fault {
    static final String WAITING = "queue:waiting";
    static final String ACTIVE = "queue:active";
    private static final int USERS = 20;

    public String runbook() {
        return "queue-stall";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "queue scheduler stopped (POST /lab/faults/scheduler/queue/stop), " + USERS + " users waiting, none active";
    }

    public Map<String, String> inject(LabAccess lab) {
        lab.app().fault("/scheduler/queue/stop");
        Map<String, String> remembered = new HashMap<>();
        try (Jedis redis = lab.redis()) {
            redis.zrangeWithScores(ACTIVE, 0, -1).forEach(t -> remembered.put("active:" + t.getElement(), Long.toString((long) t.getScore())));
            redis.del(ACTIVE);
            long now = System.currentTimeMillis();
            for (int i = 0; i < USERS; i++) {
                redis.zadd(WAITING, now, "lab-fault-stalled-" + i);
            }
        }
        return remembered;
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        lab.app().fault("/scheduler/queue/start");
        try (Jedis redis = lab.redis()) {
            for (int i = 0; i < USERS; i++) {
                redis.zrem(WAITING, "lab-fault-stalled-" + i);
                redis.zrem(ACTIVE, "lab-fault-stalled-" + i);
            }
            long now = System.currentTimeMillis();
            remembered.forEach((k, expiry) -> {
                if (k.startsWith("active:") && Long.parseLong(expiry) > now) {
                    redis.zadd(ACTIVE, Long.parseLong(expiry), k.substring("active:".length()));
                }
            });
        }
    }
}
