package dev.cairn.core.architecturefixture;

import java.sql.Connection;

/** Breaks the dependency rule on purpose, so the rule's test can show that it bites. */
public final class CoreClassReachingForJdbc {
    private CoreClassReachingForJdbc() {}

    static boolean closed(Connection connection) throws java.sql.SQLException {
        return connection.isClosed();
    }
}
