package io.hhplus.concert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The manuals' concert-reservation service (seed 000, seed 001), small: irm's reference app. */
@SpringBootApplication
@EnableScheduling
public class ConcertApplication {
    public static void main(String[] args) {
        SpringApplication.run(ConcertApplication.class, args);
    }
}
