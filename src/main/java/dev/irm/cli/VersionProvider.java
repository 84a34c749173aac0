package dev.irm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Version from the build (filtered resource), so it cannot drift from the pom. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/irm-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"irm " + p.getProperty("version", "dev") + " (runbook format v1, JSON " + dev.irm.render.DiagnoseReport.SCHEMA_VERSION + ")",
                "Java " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name")};
    }
}
