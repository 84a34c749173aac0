package dev.irm.connector.kafka;

import dev.irm.connector.PermissionDeniedException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/** A Kafka authorization error as one line naming the missing ACL. */
final class KafkaPermissions {
    private KafkaPermissions() {
    }

    static Exception translate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationException) {
                String acl;
                if (t instanceof GroupAuthorizationException g) {
                    acl = "DESCRIBE on Group " + (g.groupId() == null ? "(the group)" : g.groupId());
                } else if (t instanceof TopicAuthorizationException topics) {
                    acl = "DESCRIBE on Topic " + String.join(", ", topics.unauthorizedTopics());
                } else if (t instanceof ClusterAuthorizationException) {
                    acl = "DESCRIBE on Cluster";
                } else {
                    acl = String.valueOf(t.getMessage());
                }
                return new PermissionDeniedException("permission missing: Kafka ACL " + acl + " (not authorized, "
                        + PermissionDeniedException.DOC + ")");
            }
        }
        return e;
    }
}
