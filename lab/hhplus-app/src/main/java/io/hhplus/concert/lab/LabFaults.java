package io.hhplus.concert.lab;

import io.hhplus.concert.concert.CacheSwitch;
import io.hhplus.concert.external.PaymentGateway;
import io.hhplus.concert.payment.PaymentService;
import io.hhplus.concert.scheduler.SchedulerSwitch;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The fault switches of the lab profile (README.md lists their endpoints). One instance holds every fault's state. */
@Component
@Profile("lab")
public class LabFaults {
    private static final Logger log = LoggerFactory.getLogger(LabFaults.class);
    private final DataSource dataSource;
    private final PaymentGateway gateway;
    private final PaymentService payments;
    private final SchedulerSwitch schedulers;
    private final CacheSwitch cache;
    private final CircuitBreakerRegistry breakers;
    private final SeatReadTraffic traffic;
    private final UserArrivals arrivals;
    private final List<Connection> held = new ArrayList<>();
    private final List<byte[]> leaked = new ArrayList<>();
    private volatile int errorPercent;
    private volatile Thread leaker;

    public LabFaults(DataSource dataSource, PaymentGateway gateway, PaymentService payments, SchedulerSwitch schedulers, CacheSwitch cache,
                     CircuitBreakerRegistry breakers, SeatReadTraffic traffic, UserArrivals arrivals) {
        this.breakers = breakers;
        this.arrivals = arrivals;
        this.traffic = traffic;
        this.dataSource = dataSource;
        this.gateway = gateway;
        this.payments = payments;
        this.schedulers = schedulers;
        this.cache = cache;
    }

    /** Takes {@code n} more pool connections and keeps them open (not returned) until release. */
    public synchronized int holdConnections(int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            held.add(dataSource.getConnection());
        }
        log.warn("lab fault: holding {} pool connections", held.size());
        return held.size();
    }

    public synchronized int releaseConnections() {
        int n = held.size();
        for (Connection c : held) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a broken connection is discarded by the pool
            }
        }
        held.clear();
        return n;
    }

    public void externalFailing(boolean on) {
        gateway.failing(on);
    }

    public void errorPercent(int percent) {
        errorPercent = Math.max(0, Math.min(100, percent));
    }

    public int errorPercent() {
        return errorPercent;
    }

    /**
     * Allocates {@code mbPerSecond} MiB a second and keeps it until the heap is gone: the
     * OutOfMemoryError is logged (as the app's log would show it) and the leak released.
     */
    public synchronized void leakMemory(int mbPerSecond) {
        if (leaker != null) {
            return;
        }
        leaker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    synchronized (leaked) {
                        leaked.add(new byte[mbPerSecond * 1024 * 1024 / 10]);
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (OutOfMemoryError e) {
                synchronized (leaked) {
                    leaked.clear();
                }
                log.error("lab-memory-leak died: {} (the leak is released; in a container with a memory limit below -Xmx the kernel kills first)", e.toString(), e);
            }
        }, "lab-memory-leak");
        leaker.setDaemon(true);
        leaker.start();
        log.warn("lab fault: leaking {} MiB/s", mbPerSecond);
    }

    /** Two payments of one reservation at once, without the payment lock: the race makes both COMPLETED. */
    public List<Object> duplicatePayment(long reservationId, long userId, long amount) {
        payments.race(true, 300);
        try {
            CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> attempt(reservationId, userId, amount));
            CompletableFuture<Object> b = CompletableFuture.supplyAsync(() -> attempt(reservationId, userId, amount));
            return List.of(a.join(), b.join());
        } finally {
            payments.race(false, 0);
        }
    }

    private Object attempt(long reservationId, long userId, long amount) {
        try {
            return payments.pay(reservationId, userId, amount);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    public synchronized void reset() {
        releaseConnections();
        gateway.failing(false);
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        errorPercent = 0;
        schedulers.reset();
        cache.filling(true);
        traffic.stop();
        arrivals.stop();
        payments.race(false, 0);
        if (leaker != null) {
            leaker.interrupt();
            leaker = null;
        }
        synchronized (leaked) {
            leaked.clear();
        }
    }

    public synchronized Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heldConnections", held.size());
        m.put("errorPercent", errorPercent);
        m.put("stoppedSchedulers", schedulers.stopped());
        m.put("cacheFilling", cache.filling());
        m.put("seatReadsPerSecond", traffic.rps());
        m.put("arrivalsPerSecond", arrivals.perSecond());
        m.put("arriving", arrivals.running());
        m.put("leakingMemory", leaker != null);
        synchronized (leaked) {
            m.put("leakedMiB", leaked.stream().mapToLong(b -> b.length).sum() / (1024 * 1024));
        }
        return m;
    }
}
