package dev.irm.engine;

import dev.irm.connector.Consent;
import dev.irm.connector.ConsentIssuer;
import dev.irm.connector.Preview;
import dev.irm.runbook.Risk;
import dev.irm.runbook.Step;

/**
 * The only place a {@link Consent} is made. LOW/MEDIUM: a yes from a person, or {@code --yes}.
 * HIGH: the person types the resource name, or {@code --yes} together with {@code --confirm NAME}.
 */
final class ConsentGate {
    private static final ConsentIssuer.Token TOKEN = ConsentIssuer.token();

    private ConsentGate() {
    }

    record Verdict(Consent consent, MitigationOutcome.Decision decision, String reason) {
    }

    static String typedWord(Step step, Preview preview) {
        if (step.riskOrDefault() != Risk.HIGH) {
            return null;
        }
        return preview.confirmWord() != null && !preview.confirmWord().isBlank() ? preview.confirmWord() : step.id();
    }

    static Verdict decide(Step step, Preview preview, RunOptions options, Interaction interaction) {
        if (options.diagnosticsOnly()) {
            return new Verdict(null, MitigationOutcome.Decision.REFUSED, "diagnostics only: no consent can be given");
        }
        String word = typedWord(step, preview);
        if (options.yes()) {
            if (word == null || options.confirmWords().contains(word)) {
                return new Verdict(Consent.issue(TOKEN, step.id(), "--yes by " + interaction.who()), MitigationOutcome.Decision.EXECUTED, "--yes");
            }
            if (!interaction.canAsk()) {
                return new Verdict(null, MitigationOutcome.Decision.REFUSED,
                        "high risk: --yes needs --confirm " + word + " as well");
            }
        }
        if (!interaction.canAsk()) {
            return new Verdict(null, MitigationOutcome.Decision.REFUSED, "no terminal to ask and no --yes");
        }
        if (interaction.confirm(step, preview, word)) {
            return new Verdict(Consent.issue(TOKEN, step.id(), interaction.who()), MitigationOutcome.Decision.EXECUTED, "confirmed by " + interaction.who());
        }
        return new Verdict(null, MitigationOutcome.Decision.DECLINED, "declined by " + interaction.who());
    }
}
