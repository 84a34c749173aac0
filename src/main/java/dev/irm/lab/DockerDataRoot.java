package dev.irm.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The private engine's data root on a filesystem of its own: a {@value #SIZE_MIB} MiB tmpfs mounted by lab up,
 * so the lab's disk use is the lab's (a nearly full host disk is no lab finding) and disk-full can fill it
 * without touching the host's disk. The mount goes with the engine ({@link DockerPart#cleanUp} unmounts it).
 */
public final class DockerDataRoot {
    static final int SIZE_MIB = 1024;
    /** The unused image disk-full fills the data root with; {@code docker image prune -a} reclaims it. */
    public static final String FILLER = "irm-lab/disk-filler:1";
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(3);

    private DockerDataRoot() {
    }

    public static Path of(Path dockerDir) {
        return dockerDir.resolve("data");
    }

    /** Mounts the tmpfs at the data root unless it is there; why not, or null when it is mounted. */
    static String mount(Path dockerDir) throws IOException {
        Path data = Files.createDirectories(of(dockerDir));
        if (ownMount(dockerDir)) {
            return null;
        }
        LabProcess.Result r = LabProcess.run(Duration.ofSeconds(10),
                List.of("mount", "-t", "tmpfs", "-o", "size=" + SIZE_MIB + "m,mode=0711", "irm-lab-docker", data.toString()));
        return r.exitCode() == 0 ? null : "mount -t tmpfs: " + r.output().strip().lines().findFirst().orElse("exit " + r.exitCode());
    }

    /** Whether the data root is the lab's own tmpfs (not a folder on the host's disk). */
    public static boolean ownMount(Path dockerDir) {
        String data = of(dockerDir).toAbsolutePath().normalize().toString();
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" "))
                    .anyMatch(f -> f.length > 2 && f[1].equals(data) && f[2].equals("tmpfs"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fills the data root to {@code pct} percent with one unused image (imported from a sparse tar of zeros kept
     * beside the engine's folder, deleted after); returns the image's size in bytes (0 when already that full).
     */
    public static long fill(LabEndpoints endpoints, double pct) throws IOException {
        Path dockerDir = endpoints.stateDir().resolve(Lab.DOCKER);
        var store = Files.getFileStore(of(dockerDir));
        long total = store.getTotalSpace();
        long used = total - store.getUsableSpace();
        long bytes = (long) (total * pct / 100) - used;
        if (bytes <= 0) {
            return 0;
        }
        Path tar = dockerDir.resolve("disk-filler.tar");
        try {
            sparseTar(tar, "var/lib/irm-lab-filler", bytes);
            LabProcess.Result r = DockerPart.docker(DockerPart.cli(), endpoints.dockerHost(), IMPORT_TIMEOUT, "import", tar.toString(), FILLER);
            if (r.exitCode() != 0) {
                throw new IOException("docker import: " + r.output().strip().lines().findFirst().orElse("exit " + r.exitCode()));
            }
        } finally {
            Files.deleteIfExists(tar);
        }
        return bytes;
    }

    /** Removes the filler image (nothing when it is gone, e.g. pruned by the responder). */
    public static void unfill(LabEndpoints endpoints) {
        DockerPart.docker(DockerPart.cli(), endpoints.dockerHost(), DockerPart.CLI_TIMEOUT, "rmi", "-f", FILLER);
    }

    /** A ustar archive of one file of {@code size} zero bytes, written sparse: it takes no room on the host's disk. */
    static void sparseTar(Path tar, String name, long size) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        try (RandomAccessFile f = new RandomAccessFile(tar.toFile(), "rw")) {
            f.setLength(0);
            f.write(header);
            f.setLength(512 + (size + 511) / 512 * 512 + 1024);
        }
    }

    private static void put(byte[] header, int at, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}
