package dev.eventmart.localpostgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries for this machine, unpacked once into a cache directory from the jar on the
 * classpath. zonky's resolver picks the archive for the operating system and architecture; we unpack it ourselves
 * because zonky's launcher only unpacks on its way to running the server as the current user, which root cannot
 * ({@link ServerAccount}). Every file stays readable by other users, so an unprivileged account can run them.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The {@code bin} directory of the unpacked binaries, under {@code cache}. */
    static Path unpack(Path cache) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            archive = in.readAllBytes();
        }
        Path target = cache.resolve("postgres-" + sha256(archive).substring(0, 16));
        if (Files.isDirectory(target.resolve("bin"))) {
            return target.resolve("bin");
        }
        Files.createDirectories(cache);
        makeEnterable(cache);
        // Unpacked beside the target and renamed into place: test JVMs of parallel builds may unpack at once.
        Path partial = cache.resolve("partial-" + UUID.randomUUID());
        try {
            unpack(archive, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException ex) {
            // Another JVM got there first; its copy is the same archive.
            if (!Files.isDirectory(target.resolve("bin"))) {
                throw ex;
            }
        }
        finally {
            deleteRecursively(partial);
        }
        return target.resolve("bin");
    }

    private static void unpack(byte[] archive, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(new ByteArrayInputStream(archive))))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = directory.resolve(entry.getName()).normalize();
                if (!path.startsWith(directory)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                }
                else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    continue;
                }
                else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                }
                Files.setPosixFilePermissions(path, readableByAll(entry.getMode(), entry.isDirectory()));
            }
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isDirectory)::iterator) {
                makeEnterable(path);
            }
        }
    }

    private static Set<PosixFilePermission> readableByAll(int mode, boolean directory) {
        boolean executable = directory || (mode & 0111) != 0;
        return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
    }

    private static void makeEnterable(Path directory) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        permissions.addAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        try {
            Files.setPosixFilePermissions(directory, permissions);
        }
        catch (IOException ex) {
            // A shared cache directory made by another user: theirs to open, and ours only to read.
            if (!Files.isReadable(directory)) {
                throw ex;
            }
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static String sha256(byte[] archive) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    /** The names zonky's binary jars use: {@code Linux}, {@code Darwin}, {@code Windows}. */
    private static String system() {
        String name = System.getProperty("os.name");
        if (name.startsWith("Linux")) {
            return "Linux";
        }
        if (name.startsWith("Mac")) {
            return "Darwin";
        }
        if (name.startsWith("Windows")) {
            return "Windows";
        }
        throw new IllegalStateException("No PostgreSQL binaries for " + name + ": set DB_URL to use a server");
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }
}
