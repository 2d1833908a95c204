package dev.cairn.app;

/** The command line itself is wrong (unknown command, missing or extra arguments): exit status 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
