package dev.irm.connector;

/**
 * Proof that the operator agreed to one write action. Only the engine's consent gate can create
 * one, so no code path reaches a write without it.
 */
public final class Consent {
    private final String stepId;
    private final String givenBy;

    Consent(String stepId, String givenBy) {
        this.stepId = stepId;
        this.givenBy = givenBy;
    }

    public String stepId() {
        return stepId;
    }

    public String givenBy() {
        return givenBy;
    }

    /** Issued by {@code dev.irm.engine.ConsentGate}; the token keeps other code from minting one. */
    public static Consent issue(ConsentIssuer.Token token, String stepId, String givenBy) {
        if (token == null) {
            throw new IllegalStateException("consent needs the consent gate's token");
        }
        return new Consent(stepId, givenBy);
    }
}
