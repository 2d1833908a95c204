package dev.cairn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    @Test
    void inLocalModeARequestWithoutInitDataIsTheLocalUser() {
        var auth = new Authenticator(Optional.empty(), true);

        assertThat(auth.authenticate(Optional.empty())).isEqualTo(LocalMode.LOCAL_USER);
        assertThat(auth.authenticate(Optional.of(""))).isEqualTo(LocalMode.LOCAL_USER);
    }

    @Test
    void initDataThatTheNodeCannotCheckIsRefusedNotTakenForTheLocalUser() {
        var auth = new Authenticator(Optional.empty(), true);

        assertThatThrownBy(() -> auth.authenticate(Optional.of("user=%7B%7D&auth_date=1&hash=00")))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.UNCHECKABLE));
    }

    @Test
    void aNodeWithNeitherABotTokenNorLocalModeCannotBeBuilt() {
        assertThatThrownBy(() -> new Authenticator(Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
