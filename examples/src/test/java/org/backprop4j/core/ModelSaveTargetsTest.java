package org.backprop4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.backprop4j.layers.Dense;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where save writes: through symbolic links, keeping permissions, refusing special and read-only
 * files, with short temporary names, in place when no rename is possible, and despite a pending
 * interrupt; never leaving a temporary file behind.
 */
class ModelSaveTargetsTest {

    @TempDir
    Path dir;

    /** A 3-4-2 model whose every weight is {@code value}: which save a file holds shows in any weight. */
    private static Sequential filledWith(double value) {
        Sequential model = new Sequential(1);
        model.add(new Dense(4, 3, "relu")).add(new Dense(2));
        model.compile("mse", new SGD(0.1, 0.5, false));
        List<INDArray> weights = model.getWeights();
        weights.forEach(weight -> weight.assign(value));
        model.setWeights(weights);
        return model;
    }

    private static double firstWeight(Path file) throws IOException {
        return Sequential.load(file).getWeights().get(0).getDouble(0);
    }

    private List<Path> strayFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws IOException {
        Path real = dir.resolve("real.b4j");
        filledWith(1).save(real);
        Path link = Files.createSymbolicLink(dir.resolve("link.b4j"), real.getFileName());
        filledWith(2).save(link);
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a regular file");
        assertEquals(2, firstWeight(real));
        assertEquals(2, firstWeight(link));

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.b4j"), Path.of("created-through-link.b4j"));
        filledWith(3).save(dangling);
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals(3, firstWeight(dir.resolve("created-through-link.b4j")));
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void theExistingFilesPermissionsAreKept() throws IOException {
        Path file = dir.resolve("private.b4j");
        filledWith(1).save(file);
        for (String permissions : List.of("rw-------", "rw-r-----", "rwxrwxr-x")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            filledWith(2).save(file);
            assertEquals(permissions, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(2, firstWeight(file));
        }
    }

    @Test
    void aReadOnlyFileIsRefusedAndLeftAlone() throws IOException {
        Path file = dir.resolve("read-only.b4j");
        filledWith(1).save(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        IOException e = assertThrows(IOException.class, () -> filledWith(2).save(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("read-only"), e.getMessage());
        assertEquals(1, firstWeight(file));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void aFifoIsRefused() throws Exception {
        Path fifo = dir.resolve("pipe.b4j");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        IOException e = assertThrows(IOException.class, () -> filledWith(1).save(fifo));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).isOther(), "the FIFO was replaced");
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void aDeviceNodeIsRefused() throws Exception {
        Path device = dir.resolve("null.b4j"); // a copy of /dev/null's node, made only where allowed (root)
        Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start();
        assumeTrue(mknod.waitFor() == 0, "cannot create a device node here");
        IOException e = assertThrows(IOException.class, () -> filledWith(1).save(device));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertTrue(Files.readAttributes(device, java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).isOther(), "the device node was replaced");
    }

    @Test
    void aLongFileNameWorks() throws IOException {
        Path file = dir.resolve("m".repeat(246) + ".b4j"); // 250 characters: a temporary name built on it would not fit
        filledWith(4).save(file);
        assertEquals(4, firstWeight(file));
        filledWith(5).save(file);
        assertEquals(5, firstWeight(file));
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void whenTheRenameFailsTheFileIsWrittenInPlaceAndVerified() throws IOException {
        Path file = dir.resolve("bind-mounted.b4j");
        filledWith(1).save(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        FileSystemException busy = new FileSystemException("target", null, "Device or resource busy");
        ModelIO.save(filledWith(6), file, UnaryOperator.identity(), (temporary, target) -> {
            throw busy;
        });
        assertEquals(6, firstWeight(file));
        assertEquals(inode, Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                "written in place: same file");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(), strayFiles());
        // no existing file to write in place: the failure is reported
        Path missing = dir.resolve("new.b4j");
        assertThrows(FileSystemException.class, () -> ModelIO.save(filledWith(7), missing, UnaryOperator.identity(),
                (temporary, target) -> {
                    throw busy;
                }));
        assertFalse(Files.exists(missing));
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void aWritableFileInAReadOnlyDirectoryIsWrittenInPlace() throws IOException {
        assumeTrue(!isRoot(), "root may create files in a read-only directory");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Path file = locked.resolve("model.b4j");
        filledWith(1).save(file);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            filledWith(8).save(file);
            assertEquals(8, firstWeight(file));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aThreadWithItsInterruptFlagSetCanStillSave() throws IOException {
        Path file = dir.resolve("after-interrupt.b4j");
        filledWith(1).save(file);
        Thread.currentThread().interrupt();
        try {
            filledWith(9).save(file);
            assertTrue(Thread.currentThread().isInterrupted(), "save keeps the flag");
        } finally {
            Thread.interrupted();
        }
        assertEquals(9, firstWeight(file));
    }

    @Test
    void savingIsDeterministic() throws IOException {
        // the new writer produces the same file as the old one: deterministic, and loadable
        Path first = dir.resolve("a.b4j");
        Path second = dir.resolve("b.b4j");
        filledWith(0.25).save(first);
        filledWith(0.25).save(second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertEquals(0.25, firstWeight(first));
    }
}
