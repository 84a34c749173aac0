package dev.irm.connector.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Utils;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A kubeconfig's text as fabric8's {@code Config.fromKubeconfig(context, text, path)} reads it, without its cost:
 * fabric8 parses the file with its shared serializer, whose deserializer for the kubeconfig's {@code extensions}
 * first instantiates every model class the classpath lists as a resource (~340, with ~1,000 classes loaded;
 * 0.2-0.3 s of a cold start, and all of them in the start-up archive). A serializer that does not search the
 * classpath reads the same fields ({@code extensions} stay generic); the merge of context, cluster and user is
 * still fabric8's own. {@link KubeconfigTest} holds the two readings side by side.
 */
final class Kubeconfig {
    /** The keys fabric8's {@code KubeConfigUtils.parseConfig(File)} records so relative paths resolve beside the file. */
    private static final String CONTEXT_FILE = "KUBERNETES_CONFIG_CONTEXT_FILE_KEY";
    private static final String CLUSTER_FILE = "KUBERNETES_CONFIG_CLUSTER_FILE_KEY";
    private static final String USER_FILE = "KUBERNETES_CONFIG_AUTH_INFO_FILE_KEY";

    private Kubeconfig() {
    }

    /** The client config of {@code context} (null: the file's current context) in {@code text}, read from {@code source}. */
    static Config read(String context, String text, File source) {
        io.fabric8.kubernetes.api.model.Config file = new KubernetesSerialization(new ObjectMapper(), false)
                .unmarshal(text, io.fabric8.kubernetes.api.model.Config.class);
        if (file == null) {
            throw new IllegalArgumentException("the kubeconfig is empty");
        }
        remember(source, CONTEXT_FILE, file.getContexts(), c -> c.getAdditionalProperties());
        remember(source, CLUSTER_FILE, file.getClusters(), c -> c.getAdditionalProperties());
        remember(source, USER_FILE, file.getUsers(), u -> u.getAdditionalProperties());
        Config config = Config.empty();
        KubeConfigUtils.merge(config, context, file);
        if (!Utils.getSystemPropertyOrEnvVar(Config.KUBERNETES_DISABLE_AUTO_CONFIG_SYSTEM_PROPERTY, false)) {
            Config.configFromSysPropsOrEnvVars(config); // as fabric8 does after a kubeconfig: KUBERNETES_* and proxy settings
        }
        return config;
    }

    private static <T> void remember(File source, String key, List<T> entries, Function<T, Map<String, Object>> properties) {
        if (entries != null) {
            entries.forEach(e -> properties.apply(e).put(key, source));
        }
    }
}
