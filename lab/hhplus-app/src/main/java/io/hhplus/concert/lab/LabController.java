package io.hhplus.concert.lab;

import io.hhplus.concert.concert.CacheSwitch;
import io.hhplus.concert.scheduler.SchedulerSwitch;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /lab/faults/...}: only in the lab profile and only from loopback ({@link LabWebConfig}). */
@RestController
@Profile("lab")
@RequestMapping("/lab/faults")
public class LabController {
    private final LabFaults faults;
    private final SchedulerSwitch schedulers;
    private final CacheSwitch cache;
    private final SeatReadTraffic traffic;
    private final UserArrivals arrivals;

    public LabController(LabFaults faults, SchedulerSwitch schedulers, CacheSwitch cache, SeatReadTraffic traffic, UserArrivals arrivals) {
        this.faults = faults;
        this.arrivals = arrivals;
        this.traffic = traffic;
        this.schedulers = schedulers;
        this.cache = cache;
    }

    @GetMapping
    public Map<String, Object> state() {
        return faults.state();
    }

    @PostMapping("/reset")
    public Map<String, Object> reset() {
        faults.reset();
        return faults.state();
    }

    @PostMapping("/pool/hold")
    public Map<String, Object> hold(@RequestParam int connections) throws SQLException {
        return Map.of("heldConnections", faults.holdConnections(connections));
    }

    @PostMapping("/pool/release")
    public Map<String, Object> release() {
        return Map.of("released", faults.releaseConnections());
    }

    @PostMapping("/external/fail")
    public Map<String, Object> external(@RequestParam(defaultValue = "true") boolean on) {
        faults.externalFailing(on);
        return Map.of("externalFailing", on);
    }

    @PostMapping("/errors")
    public Map<String, Object> errors(@RequestParam int percent) {
        faults.errorPercent(percent);
        return Map.of("errorPercent", faults.errorPercent());
    }

    @PostMapping("/scheduler/{name}/stop")
    public Map<String, Object> stop(@PathVariable String name) {
        schedulers.stop(name);
        return Map.of("stopped", schedulers.stopped());
    }

    @PostMapping("/scheduler/{name}/start")
    public Map<String, Object> start(@PathVariable String name) {
        schedulers.start(name);
        return Map.of("stopped", schedulers.stopped());
    }

    @PostMapping("/cache/fill")
    public Map<String, Object> cacheFill(@RequestParam boolean on) {
        cache.filling(on);
        return Map.of("cacheFilling", on);
    }

    @PostMapping("/traffic")
    public Map<String, Object> traffic(@RequestParam int rps) {
        return Map.of("seatReadsPerSecond", traffic.rps(rps));
    }

    @PostMapping("/arrivals")
    public Map<String, Object> arrivals(@RequestParam(defaultValue = "0") int burst, @RequestParam(defaultValue = "0") int perSecond,
                                        @RequestParam(defaultValue = "0") int seconds) {
        arrivals.start(burst, perSecond, seconds);
        return Map.of("arrivalsPerSecond", arrivals.perSecond(), "arriving", arrivals.running());
    }

    @PostMapping("/memory/leak")
    public Map<String, Object> leak(@RequestParam(defaultValue = "20") int mbPerSecond) {
        faults.leakMemory(mbPerSecond);
        return Map.of("leakingMiBPerSecond", mbPerSecond);
    }

    @PostMapping("/payment/duplicate")
    public Map<String, Object> duplicate(@RequestParam long reservationId, @RequestParam long userId, @RequestParam long amount) {
        return Map.of("attempts", faults.duplicatePayment(reservationId, userId, amount));
    }
}
