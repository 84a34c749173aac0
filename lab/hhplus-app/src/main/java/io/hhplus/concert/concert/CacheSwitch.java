package io.hhplus.concert.concert;

import org.springframework.stereotype.Component;

/** Whether reads fill the cache (off = the lab's cache-stampede fault). */
@Component
public class CacheSwitch {
    private volatile boolean filling = true;

    public boolean filling() {
        return filling;
    }

    public void filling(boolean on) {
        filling = on;
    }
}
