package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which containers an action looks at: by name or id ({@code container}), name glob ({@code name}),
 * compose service ({@code service}) and label ({@code label}: {@code k=v} or {@code k}); all given must hold.
 * Matching is done here, so no argument ever reaches the engine inside a URL.
 */
final class ContainerSelector {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private ContainerSelector() {
    }

    static Param[] params() {
        return new Param[] {
            Param.optional("container", "container name or id").checkedBy(ContainerSelector::checkName),
            Param.optional("name", "container name glob, e.g. *app*"),
            Param.optional("service", "compose service (label com.docker.compose.service)"),
            Param.optional("label", "label k=v or k")
        };
    }

    static void checkName(Object value) {
        if (value != null && !value.toString().contains("${") && !NAME.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a container name or id");
        }
    }

    /** Ids of the listed containers ({@code GET /containers/json?all=1}) the arguments select. */
    static List<String> select(JsonNode list, Args args) {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : list) {
            if (matches(c, args)) {
                ids.add(c.path("Id").asText());
            }
        }
        return ids;
    }

    static String describe(Args args) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("container", "name", "service", "label")) {
            if (args.has(key)) {
                parts.add(key + "=" + args.string(key));
            }
        }
        return parts.isEmpty() ? "all containers" : String.join(", ", parts);
    }

    private static boolean matches(JsonNode c, Args args) {
        List<String> names = new ArrayList<>();
        c.path("Names").forEach(n -> names.add(ContainerInfo.stripSlash(n.asText())));
        JsonNode labels = c.path("Labels");
        if (args.has("container")) {
            String wanted = args.string("container");
            if (!names.contains(wanted) && !c.path("Id").asText().startsWith(wanted)) {
                return false;
            }
        }
        if (args.has("name")) {
            Pattern glob = glob(args.string("name"));
            if (names.stream().noneMatch(n -> glob.matcher(n).matches())) {
                return false;
            }
        }
        if (args.has("service") && !args.string("service").equals(labels.path(ContainerInfo.SERVICE_LABEL).asText(null))) {
            return false;
        }
        if (args.has("label")) {
            String[] kv = args.string("label").split("=", 2);
            JsonNode value = labels.get(kv[0]);
            return value != null && (kv.length == 1 || kv[1].equals(value.asText()));
        }
        return true;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString());
    }
}
