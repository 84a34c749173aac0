package dev.irm.testing;

import dev.irm.connector.Preview;
import dev.irm.engine.Interaction;
import dev.irm.runbook.Step;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A person at the keyboard, scripted for engine tests: what to do before each step, which
 * mitigations to confirm (by step id), whether manual steps are done, the answer to questions.
 */
public final class ScriptedOperator implements Interaction {
    private final String who;
    private final Function<Step, Directive> before;
    private final Predicate<String> confirms;
    private final boolean acknowledges;
    private final Boolean answer;
    private final boolean stepByStep;

    public ScriptedOperator(String who, Function<Step, Directive> before, Set<String> confirms, boolean acknowledges, Boolean answer,
                            boolean stepByStep) {
        this(who, before, confirms::contains, acknowledges, answer, stepByStep);
    }

    private ScriptedOperator(String who, Function<Step, Directive> before, Predicate<String> confirms, boolean acknowledges, Boolean answer,
                             boolean stepByStep) {
        this.who = who;
        this.before = before;
        this.confirms = confirms;
        this.acknowledges = acknowledges;
        this.answer = answer;
        this.stepByStep = stepByStep;
    }

    /** Runs every step, confirms the mitigations named, marks manual steps done, answers yes. */
    public static ScriptedOperator confirming(String who, String... steps) {
        return new ScriptedOperator(who, step -> Directive.RUN, Set.of(steps), true, true, false);
    }

    /** Says yes to every mitigation, every question, every manual step. */
    public static ScriptedOperator yesToEverything(String who) {
        return new ScriptedOperator(who, step -> Directive.RUN, step -> true, true, true, false);
    }

    @Override
    public boolean canAsk() {
        return true;
    }

    @Override
    public boolean confirm(Step step, Preview preview, String typedWord) {
        return confirms.test(step.id());
    }

    @Override
    public boolean acknowledge(Step step, String text) {
        return acknowledges;
    }

    @Override
    public Boolean ask(Step step, String question) {
        return answer;
    }

    @Override
    public String who() {
        return who;
    }

    @Override
    public Directive beforeStep(Step step) {
        return before.apply(step);
    }

    @Override
    public boolean stepByStep() {
        return stepByStep;
    }
}
