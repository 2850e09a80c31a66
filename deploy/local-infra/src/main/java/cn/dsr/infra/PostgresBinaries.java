package cn.dsr.infra;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The PostgreSQL distribution from zonky's linux-amd64 binaries jar, unpacked once per archive digest
 * into a working directory. Unpacking goes to a staging directory that is renamed into place, so
 * concurrent JVMs (parallel test forks) never see a half-written tree.
 */
final class PostgresBinaries {

    private static final Set<PosixFilePermission> WORLD_READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    /** Reading and hashing the 14 MB archive once per JVM keeps restarts fast. */
    private static final Map<Path, Path> UNPACKED = new ConcurrentHashMap<>();

    private PostgresBinaries() {
    }

    /** Returns the PostgreSQL home (with {@code bin/}, {@code lib/}, {@code share/}). */
    static Path unpack(Path workingDirectory) throws IOException {
        Path home = UNPACKED.get(workingDirectory);
        if (home == null || !Files.isExecutable(home.resolve("bin/postgres"))) {
            home = unpackOnce(workingDirectory);
            UNPACKED.put(workingDirectory, home);
        }
        return home;
    }

    private static Path unpackOnce(Path workingDirectory) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            if (in == null) {
                throw new IllegalStateException("no PostgreSQL binaries for linux-amd64 on the classpath");
            }
            archive = in.readAllBytes();
        }
        Path home = workingDirectory.resolve("PG-" + digest(archive));
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return home;
        }
        Files.createDirectories(workingDirectory);
        Path staging = Files.createTempDirectory(workingDirectory, "unpacking-");
        try {
            extract(archive, staging);
            // The server may run as another user (see ServerUser): every directory must be traversable.
            try (Stream<Path> tree = Files.walk(staging)) {
                for (Path path : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
                    Files.setPosixFilePermissions(path, WORLD_READABLE_DIRECTORY);
                }
            }
            Files.setPosixFilePermissions(workingDirectory, WORLD_READABLE_DIRECTORY);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raceLostToAnotherJvm) {
            Directories.deleteRecursively(staging);
        } catch (IOException | RuntimeException e) {
            Directories.deleteRecursively(staging);
            throw e;
        }
        return home;
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, target.resolve(entry.getLinkName()));
                } else {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static String digest(byte[] archive) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
