package dev.irm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The build step on the real picocli jar: every class comes out as Java 8, loads and verifies, and runs. */
class ClassFileUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void picocliComesOutAsJava8ClassesThatVerifyAndRun() throws Exception {
        Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = Files.copy(original, dir.resolve("picocli.jar"));
        List<String> classes = classNames(jar);
        assertTrue(classes.stream().anyMatch(c -> version(jar, c) < 50), "picocli is no longer compiled for Java 5: the build step can go");

        int upgraded = ClassFileUpgrade.upgrade(jar);

        assertEquals(classes.size(), upgraded, "every picocli class was older than Java 6");
        for (String c : classes) {
            assertEquals(52, version(jar, c), c);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String c : classes) {
                Class.forName(c.replace('/', '.').replaceAll("\\.class$", ""), true, loader); // linked: verified by the type-checking verifier
            }
            Class<?> commandLine = loader.loadClass("picocli.CommandLine");
            Object parsed = commandLine.getMethod("getCommandName").invoke(commandLine.getConstructor(Object.class)
                    .newInstance(loader.loadClass("picocli.CommandLine$Model$CommandSpec").getMethod("create").invoke(null)));
            assertEquals("<main class>", parsed);
        }
        FileTime before = Files.getLastModifiedTime(jar);
        assertEquals(0, ClassFileUpgrade.upgrade(jar), "a second build finds nothing to do");
        assertEquals(before, Files.getLastModifiedTime(jar), "and leaves the jar alone (the start-up archive stays valid)");
    }

    private static List<String> classNames(Path jar) throws Exception {
        List<String> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.contains("module-info")).forEach(out::add);
        }
        return out;
    }

    private static int version(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            byte[] head = in.readNBytes(8);
            return ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        } catch (Exception e) {
            throw new AssertionError(entry, e);
        }
    }
}
