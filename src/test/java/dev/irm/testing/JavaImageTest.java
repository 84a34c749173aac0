package dev.irm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture packs a jar of the test's own into an image that the test's Docker engine runs (arguments reach main). */
class JavaImageTest {
    @TempDir
    Path dir;

    @Test
    void aJarOfItsOwnRunsInTheEngineWithItsArguments() throws Exception {
        Path src = Files.writeString(dir.resolve("Hello.java"), """
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("hello " + String.join(",", args) + " from " + System.getProperty("java.home")
                                + " as " + System.getProperty("user.name") + " " + System.getenv("GREETING"));
                        System.exit(args.length);
                    }
                }
                """);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", dir.toString(), src.toString()));
        Path jar = dir.resolve("hello.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            JarEntry entry = new JarEntry("Hello.class");
            entry.setTime(0); // same bytes every run: the cached image is reused
            out.putNextEntry(entry);
            out.write(Files.readAllBytes(dir.resolve("Hello.class")));
            out.closeEntry();
        }
        try (DockerEngine docker = DockerEngine.start()) {
            String image = JavaImage.of(jar).name("hello").modules("java.base").env("GREETING=hi").loadInto(docker);
            assertTrue(image.startsWith("irm-test/hello:"), image);
            assertEquals(image, JavaImage.of(jar).name("hello").modules("java.base").env("GREETING=hi").loadInto(docker), "same inputs, same image");
            CommandResult r = docker.dockerResult("run", "--rm", "--network", "none", "--label", DockerEngine.LABEL, image, "a", "b");
            assertEquals(2, r.exitCode(), r.output());
            assertEquals("hello a,b from /opt/java as app hi", r.stdout().trim());
            docker.dockerResult("image", "rm", "-f", image);
        }
    }
}
