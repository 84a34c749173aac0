package dev.irm.connector;

/**
 * The server refused a read or preview for lack of a permission (Redis NOPERM, MySQL 1142/1227/1044,
 * Kafka authorization errors, Kubernetes 403). The message names what is missing, so the check
 * it belongs to is a clear UNKNOWN rather than a failed target; docs/PERMISSIONS.md lists the
 * grants per target. It has no cause on purpose: its message is the whole story.
 */
public final class PermissionDeniedException extends RuntimeException {
    public static final String DOC = "see docs/PERMISSIONS.md";

    public PermissionDeniedException(String message) {
        super(message);
    }
}
