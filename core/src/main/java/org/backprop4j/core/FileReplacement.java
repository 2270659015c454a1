package org.backprop4j.core;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a file where the user named it without ever leaving a half-written one in its place, the
 * semantics of {@link Sequential#save}:
 * <ul>
 *   <li>a symbolic link is followed: its target gets the new content, the link stays a link;</li>
 *   <li>the content goes to a temporary file in the target's directory (a short name,
 *       {@code .b4j-<16 hex digits>.tmp}, so a 250-character target name works), is forced to disk,
 *       gets the existing file's permissions (and owner and group where allowed), and is renamed
 *       over the target atomically;</li>
 *   <li>a directory, a special file (FIFO, device, socket) and a read-only file (not writable by
 *       this user, or with no write permission for anyone) are refused before anything is written;</li>
 *   <li>when the temporary file cannot be created or renamed (a read-only directory holding a
 *       writable file, a bind-mounted file), an existing writable file is overwritten in place,
 *       forced to disk and read back to verify it; only then can a crash leave a damaged file,
 *       which loading refuses (every entry is checksummed);</li>
 *   <li>a hard link is replaced by a new file, as every rename-based save does: the other names
 *       keep the old content.</li>
 * </ul>
 * The writing does not use interruptible channels, so a thread whose interrupt flag is set (say,
 * after an interrupted {@code fit}) can still save. Not thread-safe per target path: two threads
 * saving to one file race as two processes would (each file written is whole).
 */
final class FileReplacement {

    private static final Logger log = LoggerFactory.getLogger(FileReplacement.class);
    /** As Linux's limit on symbolic links followed in one path lookup. */
    private static final int MAX_LINKS = 40;

    /** Writes the content: may run twice (temporary file, then in place) and must write the same bytes. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Renames the finished temporary file over the target (tests make it fail). */
    interface Rename {
        void move(Path temporary, Path target) throws IOException;
    }

    static final Rename ATOMIC_RENAME = (temporary, target) -> Files.move(temporary, target,
            StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    private FileReplacement() {
    }

    /**
     * Writes {@code content} to {@code path} as described in the class comment.
     *
     * @param wrapper wraps the stream the content is written to (tests inject failures through it)
     * @throws IOException naming the file and the problem; an existing file is then as it was,
     *         unless the in-place fallback was needed and failed while writing
     */
    static void write(Path path, Content content, UnaryOperator<OutputStream> wrapper, Rename rename)
            throws IOException {
        Path target = followLinks(path.toAbsolutePath());
        Path directory = target.getParent();
        String where = "Cannot save the model to " + target
                + (target.equals(path.toAbsolutePath()) ? "" : " (the target of the link " + path + ")") + ": ";
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(String.valueOf(directory), null,
                    "cannot save the model there: the directory does not exist");
        }
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists) {
            BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                throw new IOException(where + "it is a directory");
            }
            if (!attributes.isRegularFile()) {
                throw new IOException(where + "it is not a regular file (a FIFO, device or socket); nothing was"
                        + " written");
            }
            if (isReadOnly(target)) {
                throw new IOException(where + "the file is read-only; make it writable or delete it first;"
                        + " nothing was written");
            }
        }
        Path temporary = directory.resolve(".b4j-" + String.format("%016x", ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            Files.createFile(temporary);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (FileSystemException e) { // a read-only directory, say
            if (!exists) {
                throw new IOException(where + "the directory is not writable", e);
            }
            log.debug("Cannot create {} ({}): writing {} in place", temporary, e.getMessage(), target);
            writeInPlace(target, content, wrapper, where);
            return;
        }
        boolean moved = false;
        try {
            writeSynced(temporary, content, wrapper);
            if (exists) {
                copyPermissions(target, temporary);
            }
            try {
                rename.move(temporary, target);
                moved = true;
            } catch (FileSystemException e) {
                if (!exists) {
                    throw e;
                }
                log.debug("Cannot rename {} over {} ({}): writing it in place", temporary, target, e.getMessage());
                writeInPlace(target, content, wrapper, where);
                return;
            }
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // the original failure matters more; a stray .tmp file is harmless
                }
            }
        }
        syncDirectory(directory);
    }

    /** {@code path} with every symbolic link along the last name followed (dangling ones too). */
    static Path followLinks(Path path) throws IOException {
        Path current = path;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            current = current.resolveSibling(Files.readSymbolicLink(current));
        }
        return current;
    }

    /** Not writable by this user, or (for users such as root who may write anyway) writable by nobody. */
    static boolean isReadOnly(Path file) throws IOException {
        if (!Files.isWritable(file)) {
            return true;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return !permissions.contains(PosixFilePermission.OWNER_WRITE)
                    && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** Writes and forces the content to {@code file}; returns the CRC-32 and length of what was written. */
    private static long[] writeSynced(Path file, Content content, UnaryOperator<OutputStream> wrapper)
            throws IOException {
        CRC32 crc = new CRC32();
        long length;
        // java.io streams, not NIO channels: a pending interrupt does not close them
        try (FileOutputStream stream = new FileOutputStream(file.toFile(), false)) {
            CountingStream counted = new CountingStream(new CheckedOutputStream(stream, crc));
            OutputStream out = wrapper.apply(new java.io.BufferedOutputStream(counted, 1 << 16));
            content.writeTo(out);
            out.flush();
            length = counted.count;
            stream.getFD().sync();
        }
        return new long[] {crc.getValue(), length};
    }

    /** The fallback: overwrites {@code target} itself, forces it to disk and reads it back to verify it. */
    private static void writeInPlace(Path target, Content content, UnaryOperator<OutputStream> wrapper, String where)
            throws IOException {
        long[] written = writeSynced(target, content, wrapper);
        CRC32 crc = new CRC32();
        long length = 0;
        try (InputStream in = new FileInputStream(target.toFile())) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                crc.update(buffer, 0, n);
                length += n;
            }
        }
        if (crc.getValue() != written[0] || length != written[1]) {
            throw new IOException(where + "the file was written in place (it cannot be replaced by a rename) but"
                    + " reads back differently (" + length + " bytes, " + written[1] + " written): it is damaged");
        }
    }

    /** Gives {@code copy} the permissions, and where allowed the owner and group, of {@code original}. */
    private static void copyPermissions(Path original, Path copy) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(original, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: the new file keeps the defaults
        }
        Files.setPosixFilePermissions(copy, attributes.permissions());
        PosixFileAttributeView view = Files.getFileAttributeView(copy, PosixFileAttributeView.class);
        try {
            if (!view.getOwner().equals(attributes.owner())) {
                view.setOwner(attributes.owner());
            }
            if (!view.readAttributes().group().equals(attributes.group())) {
                view.setGroup(attributes.group());
            }
        } catch (IOException e) {
            log.debug("Cannot give {} the owner or group of {}: {}", copy, original, e.getMessage());
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
