package dev.cairn.core.auth;

import dev.cairn.core.user.TelegramProfile;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a request is: the user of its {@code initData} when it has one, else the {@link LocalMode#LOCAL_USER} if local
 * mode is on, else nobody. The HTTP adapter calls this once per request.
 */
public final class Authenticator {
    private final Optional<InitDataValidator> telegram;
    private final boolean localMode;

    /**
     * @param telegram the validator for the Mini App's bot; empty when no bot token is configured
     * @param localMode whether requests without {@code initData} are the local user; the caller has checked
     *     {@link LocalMode#check} at start-up
     */
    public Authenticator(Optional<InitDataValidator> telegram, boolean localMode) {
        this.telegram = Objects.requireNonNull(telegram, "telegram");
        this.localMode = localMode;
        if (telegram.isEmpty() && !localMode) {
            throw new IllegalArgumentException("with no bot token and local mode off, no request could authenticate");
        }
    }

    /**
     * @param initData the raw {@code initData} the request carries, if any
     * @throws AuthenticationException why the request is nobody
     */
    public TelegramProfile authenticate(Optional<String> initData) {
        Optional<String> given = initData.filter(s -> !s.isEmpty());
        if (given.isPresent()) {
            // Never downgrade: initData that cannot be checked is refused, not taken for the local user.
            return telegram.orElseThrow(() -> new AuthenticationException(
                            AuthFailure.UNCHECKABLE,
                            "this node has no client bot token to check Telegram initData with"))
                    .validate(given.get())
                    .profile();
        }
        if (localMode) {
            return LocalMode.LOCAL_USER;
        }
        throw new AuthenticationException(AuthFailure.MISSING, "the request carries no Telegram initData");
    }
}
