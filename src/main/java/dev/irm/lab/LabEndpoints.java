package dev.irm.lab;

import java.nio.file.Path;

/**
 * Where the parts of a running lab answer, as {@code irm lab up} records them in the lab's state
 * folder and as {@link LabFaults} needs them to inject faults. A part that is not running is null
 * (Kafka with {@code --without kafka}; Docker when no private engine could be started, then the app
 * runs as a process and {@code appPid} is set instead of {@code appContainer}).
 * Fields may be added; none is renamed or removed.
 */
public record LabEndpoints(
        String redisUrl,
        String mysqlUrl,
        String mysqlUser,
        String kafkaBootstrap,
        String appUrl,
        String appAdminToken,
        Path appLog,
        String prometheusUrl,
        String alertmanagerUrl,
        String dockerHost,
        String appContainer,
        Long appPid,
        Path stateDir) {
}
