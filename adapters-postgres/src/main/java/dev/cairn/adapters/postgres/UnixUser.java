package dev.cairn.adapters.postgres;

/** A numeric Unix user and group, as the embedded PostgreSQL runs when the node runs as root. */
public record UnixUser(int uid, int gid) {
    /** {@code nobody:nogroup} on Debian and most distributions. */
    public static final UnixUser NOBODY = new UnixUser(65534, 65534);

    public UnixUser {
        if (uid <= 0) {
            throw new IllegalArgumentException("the embedded PostgreSQL cannot run as uid " + uid
                    + " (root is refused by PostgreSQL; a negative uid is not a user)");
        }
        if (gid < 0) {
            throw new IllegalArgumentException("gid must not be negative: " + gid);
        }
    }

    /** Parses {@code uid:gid}, naming {@code variable} when the value is bad. */
    static UnixUser parse(String variable, String value) {
        String[] parts = value.strip().split(":", -1);
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected uid:gid");
            }
            return new UnixUser(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    variable + " must be a numeric uid:gid other than root, such as 65534:65534; got '" + value + "': "
                            + e.getMessage(),
                    e);
        }
    }
}
