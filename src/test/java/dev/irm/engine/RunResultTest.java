package dev.irm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irm.runbook.Step;
import dev.irm.runbook.StepKind;
import dev.irm.support.ExitCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's exit code counts a read step that failed without checks (issue 11 item 9: a failed
 * evidence bundle was UNKNOWN but the run exited 0). The evidence step itself against a real
 * engine is DockerRunbookTest's; this is the state algebra on top of it.
 */
class RunResultTest {
    private static Step step(String id, StepKind kind) {
        return new Step(id, kind, id, null, "docker.evidence", null, null, null, null, null, null, null, null, null,
                kind == StepKind.MANUAL ? "text" : null, null, null, null);
    }

    private static RunResult run(StepResult... steps) {
        return new RunResult("unknown-outage", Instant.now(), 1, List.of(steps), List.of(), false, null);
    }

    @Test
    void aFailedEvidenceStepMakesTheRunUnknown() {
        StepResult failed = new StepResult(step("docker_evidence", StepKind.DIAGNOSTIC), "docker", Status.UNKNOWN, null, List.of(),
                "cannot create the bundle", 3);
        assertEquals(ExitCode.UNKNOWN, run(failed).exitCode());
        assertEquals(Status.UNKNOWN, run(failed).status());
    }

    @Test
    void itDoesNotHideAWorseStateNorCountSkippedOrManualSteps() {
        StepResult failed = new StepResult(step("docker_evidence", StepKind.DIAGNOSTIC), "docker", Status.UNKNOWN, null, List.of(), "x", 3);
        CheckResult critical = new CheckResult("docker", "docker.app-oom-killed", "OOM", Status.CRITICAL, "killed", java.util.Map.of(), "app-oom", 1);
        StepResult probe = new StepResult(step("states", StepKind.DIAGNOSTIC), "docker", Status.CRITICAL, null, List.of(critical), null, 3);
        assertEquals(ExitCode.CRITICAL, run(failed, probe).exitCode());
        StepResult skipped = StepResult.skipped(step("k8s_evidence", StepKind.DIAGNOSTIC), "platform is docker");
        StepResult ok = new StepResult(step("docker_evidence", StepKind.DIAGNOSTIC), "docker", Status.OK, null, List.of(), null, 3);
        assertEquals(ExitCode.OK, run(skipped, ok).exitCode());
    }
}
