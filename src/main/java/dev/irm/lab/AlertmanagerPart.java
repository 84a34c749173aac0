package dev.irm.lab;

import java.nio.file.Path;
import java.util.List;

/** Debian's {@code prometheus-alertmanager}, no clustering, on a loopback port. */
public final class AlertmanagerPart {
    /** The lab's config: alerts are kept and shown (UI, API); nothing is sent anywhere. */
    static final String LAB_CONFIG = "route:\n  receiver: lab\n  group_wait: 1s\n  group_interval: 5s\nreceivers:\n  - name: lab\n";

    private AlertmanagerPart() {
    }

    public static String binary() {
        return LabHome.binary("prometheus-alertmanager", "prometheus-alertmanager");
    }

    public static List<String> command(String binary, Path config, Path data, int port) {
        return List.of(binary, "--config.file=" + config, "--storage.path=" + data,
                "--web.listen-address=" + Probes.HOST + ":" + port, "--cluster.listen-address=", "--log.level=warn");
    }
}
