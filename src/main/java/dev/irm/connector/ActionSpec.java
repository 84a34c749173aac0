package dev.irm.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a runbook step may name as {@code action: target.name}: its effect and its arguments. */
public record ActionSpec(String target, String name, Effect effect, String description, Map<String, Param> params) {

    public static ActionSpec read(String target, String name, String description, Param... params) {
        return new ActionSpec(target, name, Effect.READ, description, index(params));
    }

    public static ActionSpec write(String target, String name, String description, Param... params) {
        return new ActionSpec(target, name, Effect.WRITE, description, index(params));
    }

    private static Map<String, Param> index(Param... params) {
        Map<String, Param> byName = new LinkedHashMap<>();
        for (Param p : params) {
            byName.put(p.name(), p);
        }
        return byName;
    }

    public String qualifiedName() {
        return target + "." + name;
    }

    public List<String> requiredParams() {
        return params.values().stream().filter(Param::required).map(Param::name).toList();
    }
}
