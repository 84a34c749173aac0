package dev.irm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Run by the build (exec-maven-plugin, process-classes): writes {@code completions/irm.bash},
 * {@code completions/irm.zsh} and the AsciiDoc man pages {@code docs/man/irm*.adoc} from the
 * command annotations. A test checks the committed files equal what this generates.
 */
public final class DocsGenerator {
    private DocsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : ".");
        for (Map.Entry<String, String> file : files().entrySet()) {
            Path target = base.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(file.getValue())) {
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Relative path → content of every generated file. */
    public static Map<String, String> files() {
        CommandLine irm = CommandLineFactory.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new CliEnvironment(Map.of(), false));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("completions/irm.bash", CompletionScripts.bash(irm));
        files.put("completions/irm.zsh", CompletionScripts.zsh(irm));
        manPage(files, "irm", irm);
        return files;
    }

    private static void manPage(Map<String, String> files, String name, CommandLine command) {
        if (command.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        StringWriter page = new StringWriter();
        ManPageGenerator.writeSingleManPage(new PrintWriter(page), command.getCommandSpec());
        files.put("docs/man/" + name + ".adoc", page.toString());
        command.getSubcommands().forEach((sub, cl) -> manPage(files, name + "-" + sub, cl));
    }
}
