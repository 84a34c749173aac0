package dev.irm.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import dev.irm.testing.IrmCli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the lab lives and what it says when something it runs is missing. */
class LabHomeTest {

    @Test
    void aMissingServerIsNamedWithItsPackageAndTheInstallStep() {
        IrmException e = assertThrows(IrmException.class, () -> LabHome.binary("no-such-server-7f3c", "no-such-package"));
        assertEquals("the lab needs no-such-server-7f3c (Debian package no-such-package): install it with scripts/install-lab.sh",
                e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void theLabFolderFollowsXdgStateHomeElseHome() {
        assertEquals(Path.of("/x/state/irm/lab"), LabHome.stateDir(Map.of("XDG_STATE_HOME", "/x/state", "HOME", "/h")));
        assertEquals(Path.of("/h/.local/state/irm/lab"), LabHome.stateDir(Map.of("HOME", "/h")));
    }

    @Test
    void statusAndDownOfALabThatIsNotUpSaySoAndSucceed() {
        IrmCli cli = new IrmCli();
        IrmCli.Result status = cli.run("lab", "status");
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().contains("the lab is not up"), status.out());
        assertEquals(false, cli.run("lab", "status", "-o", "json").json().path("up").asBoolean(true));
        IrmCli.Result down = cli.run("lab", "down");
        assertEquals(0, down.code(), down.toString());
        assertTrue(down.out().contains("the lab was not up"), down.out());
        IrmCli.Result bad = cli.run("lab", "up", "--without", "redis");
        assertEquals(ExitCode.USAGE, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--without redis: kafka or docker can be left out"), bad.err());
    }
}
