package dev.cairn.adapters.http.auth;

import dev.cairn.core.user.User;
import io.javalin.http.Context;

/**
 * A handler of a user-facing route: it runs only once the caller is authenticated, and is given the stored user.
 * {@link UserAuthentication#authenticated} turns it into a Javalin handler.
 */
@FunctionalInterface
public interface UserHandler {
    void handle(Context ctx, User user) throws Exception;
}
