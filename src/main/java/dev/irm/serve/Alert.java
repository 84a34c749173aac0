package dev.irm.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** One alert of an Alertmanager webhook (payload version 4). */
public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
                    String fingerprint, String generatorUrl) {

    public Alert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        if (fingerprint == null || fingerprint.isBlank()) {
            fingerprint = fingerprintOf(labels);
        }
    }

    public boolean firing() {
        return "firing".equals(status);
    }

    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    /** A label, else an annotation, else null. */
    public String labelOrAnnotation(String key) {
        String value = labels.get(key);
        return value != null ? value : annotations.get(key);
    }

    /** Alertmanager always sends one; for a payload without, the SHA-256 of the sorted labels. */
    static String fingerprintOf(Map<String, String> labels) {
        StringBuilder all = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> all.append(k).append('\u0000').append(v).append('\u0000'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
