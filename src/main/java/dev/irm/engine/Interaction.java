package dev.irm.engine;

import dev.irm.connector.Preview;
import dev.irm.runbook.Step;

/** How the engine talks to the operator: a terminal (guided mode) or nobody (scripts, CI). */
public interface Interaction {

    /** Whether a person can answer. Without one, mitigations need {@code --yes}. */
    boolean canAsk();

    /**
     * Asks to run a mitigation. {@code typedWord} is non-null for HIGH risk: the answer counts only
     * if the person types it exactly.
     */
    boolean confirm(Step step, Preview preview, String typedWord);

    /** Shows a manual step; returns whether the person marked it done. */
    boolean acknowledge(Step step, String text);

    /** A yes/no question of a manual step; null when nobody can answer. */
    Boolean ask(Step step, String question);

    /** Who answers, for the record: {@code user@host}. */
    String who();

    /** What the person chose before a step: run it, skip it, or stop the run here (the record stays). */
    enum Directive { RUN, SKIP, QUIT }

    /** Called before each applicable step; a guided terminal lets the person skip or quit. */
    default Directive beforeStep(Step step) {
        return Directive.RUN;
    }

    /** Whether steps run one at a time (guided mode), instead of reads batched in parallel. */
    default boolean stepByStep() {
        return false;
    }

    /** Nobody at the keyboard: nothing is confirmed, nothing is acknowledged. */
    static Interaction none(String who) {
        return new Interaction() {
            @Override
            public boolean canAsk() {
                return false;
            }

            @Override
            public boolean confirm(Step step, Preview preview, String typedWord) {
                return false;
            }

            @Override
            public boolean acknowledge(Step step, String text) {
                return false;
            }

            @Override
            public Boolean ask(Step step, String question) {
                return null;
            }

            @Override
            public String who() {
                return who;
            }
        };
    }
}
