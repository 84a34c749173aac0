package io.hhplus.concert.lab;

import io.hhplus.concert.concert.ConcertController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Live user traffic for the lab: reads the seat-count cache path ({@link ConcertController#seats}) at a
 * bounded rate until stopped, so a hit-ratio collapse is seen while requests flow (a collapse is about now).
 */
@Component
@Profile("lab")
public class SeatReadTraffic {
    static final int MAX_RPS = 1_000;
    private static final int CONCERTS = 20;
    private static final Logger log = LoggerFactory.getLogger(SeatReadTraffic.class);
    private final ConcertController concerts;
    private volatile Thread reader;
    private volatile int rps;

    public SeatReadTraffic(ConcertController concerts) {
        this.concerts = concerts;
    }

    /** Reads {@code rps} times a second (at most {@value #MAX_RPS}); 0 stops. Returns the rate now in force. */
    public synchronized int rps(int requested) {
        stop();
        rps = Math.max(0, Math.min(MAX_RPS, requested));
        if (rps > 0) {
            int rate = rps;
            reader = new Thread(() -> read(rate), "lab-seat-read-traffic");
            reader.setDaemon(true);
            reader.start();
            log.warn("lab fault: {} seat reads a second", rate);
        }
        return rps;
    }

    public int rps() {
        return rps;
    }

    public synchronized void stop() {
        if (reader != null) {
            reader.interrupt();
            reader = null;
        }
        rps = 0;
    }

    /** Ten ticks a second, each a tenth of the rate; a tick that falls behind is not made up for. */
    private void read(int rate) {
        long n = 0;
        long tickNanos = 100_000_000L;
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            int reads = (int) (rate * (n + 1) / 10 - rate * n / 10);
            for (int i = 0; i < reads && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    concerts.seats(1 + (n * rate + i) % CONCERTS);
                } catch (RuntimeException e) {
                    // a failed read is part of the traffic (the DB or Redis may be the fault)
                }
            }
            n++;
            next = Math.max(next + tickNanos, System.nanoTime());
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
