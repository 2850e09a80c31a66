package cn.dsr.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operating-system account the PostgreSQL server runs as. PostgreSQL refuses to run as root, and
 * CI and containers often are root, so a root JVM runs the server binaries as {@code nobody}
 * through {@code setpriv}; any other user runs them as itself.
 */
record ServerUser(String name, int uid, int gid) {

    private static final String UNPRIVILEGED = "nobody";

    /** The account to switch to, or empty when the JVM may run the server binaries itself. */
    static Optional<ServerUser> forCurrentProcess() {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid == 0 ? Optional.of(lookup(UNPRIVILEGED)) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot tell which user this JVM runs as", e);
        }
    }

    private static ServerUser lookup(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] fields = line.split(":");
            if (fields.length > 3 && fields[0].equals(name)) {
                return new ServerUser(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]));
            }
        }
        throw new IllegalStateException("running as root, and there is no '" + name
                + "' account to run PostgreSQL as (it refuses to run as root)");
    }

    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The server cannot reach its files below a directory others may not enter (e.g. a 0700 temp dir). */
    void requireTraversable(Path directory) throws IOException {
        for (Path dir = directory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("PostgreSQL runs as '" + name + "' here (the JVM is root), but "
                        + dir + " is not accessible to other users; use a directory outside it");
            }
        }
    }

    void own(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
    }
}
