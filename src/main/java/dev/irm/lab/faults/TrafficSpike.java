package dev.irm.lab.faults;

import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * traffic-spike: a ticket opening. Users join the waiting queue through the app's HTTP API on loopback
 * (app switch /arrivals: a burst at once, then a stream faster than the scheduler admits them, bounded in
 * time), so {@code queue:waiting} passes the manual's scale-out line. The app's CPU is not the signal here:
 * a load from the same 2-core machine cannot hold the app above 70 % of it. Heal stops the arrivals and takes
 * the users who joined since the break out of the queue (their tokens are scored by join time).
 */
final class TrafficSpike implements Fault {
    static final int BURST = 700;
    static final int PER_SECOND = 10;
    static final int SECONDS = 900;

    public String runbook() {
        return "traffic-spike";
    }

    public String expected() {
        return "WARNING";
    }

    public String how() {
        return BURST + " users join the queue at once through the app's own API on loopback, then " + PER_SECOND + " a second for up to "
                + SECONDS / 60 + " min (POST /lab/faults/arrivals), faster than the scheduler admits them (100 per 30 s)";
    }

    public String notDrillable() {
        return "the lab cannot scale the app out, so a responder could not end the spike (practise finding it with irm lab break)";
    }

    public Map<String, String> inject(LabAccess lab) {
        long since = System.currentTimeMillis();
        lab.app().fault("/arrivals?burst=" + BURST + "&perSecond=" + PER_SECOND + "&seconds=" + SECONDS);
        return Map.of("since", Long.toString(since));
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        lab.app().fault("/arrivals?burst=0&perSecond=0&seconds=0");
        String since = remembered.get("since");
        if (since != null) {
            try (Jedis redis = lab.redis()) {
                redis.zremrangeByScore(QueueStall.WAITING, since, "+inf");
            }
        }
    }
}
