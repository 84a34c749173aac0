package dev.irm.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a runbook step may name as {@code action: target.name}: its effect, its arguments and, for a
 * write, its risk. The risk is the floor a runbook may raise but never lower: it decides whether
 * the operator must type a confirmation word, so it is fixed here in code, not taken from YAML.
 */
public record ActionSpec(String target, String name, Effect effect, Risk risk, String description, Map<String, Param> params) {

    public static ActionSpec read(String target, String name, String description, Param... params) {
        return new ActionSpec(target, name, Effect.READ, null, description, index(params));
    }

    public static ActionSpec write(String target, String name, Risk risk, String description, Param... params) {
        return new ActionSpec(target, name, Effect.WRITE, java.util.Objects.requireNonNull(risk, "risk"), description, index(params));
    }

    /** The risk a step runs this action with: the one it declares, but never below the action's own. */
    public Risk riskFor(Risk declared) {
        if (risk == null) {
            return declared;
        }
        return declared == null || declared.compareTo(risk) < 0 ? risk : declared;
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
