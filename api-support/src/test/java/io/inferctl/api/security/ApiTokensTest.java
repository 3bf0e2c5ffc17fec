package io.inferctl.api.security;

import io.inferctl.api.Sha256;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {

    private static final ApiTokenProperties.Token ADMIN =
            new ApiTokenProperties.Token("admin@example.com", ApiRole.ADMIN, Sha256.hex("admin-secret-token"));
    private static final ApiTokenProperties.Token VIEWER = new ApiTokenProperties.Token("viewer@example.com",
            ApiRole.VIEWER, Sha256.hex("viewer-secret-token").toUpperCase(Locale.ROOT));

    private final ApiTokens tokens = new ApiTokens(List.of(ADMIN, VIEWER));

    @Test
    void aTokenMatchesTheEntryWithItsHashWhateverTheCaseOfTheConfiguredHex() {
        assertThat(tokens.match("admin-secret-token")).containsSame(ADMIN);
        assertThat(tokens.match("viewer-secret-token")).containsSame(VIEWER);
    }

    @Test
    void aTokenThatDiffersInAnyCharacterOrLengthMatchesNothing() {
        assertThat(tokens.match("admin-secret-tokeN")).isEmpty();
        assertThat(tokens.match("Admin-secret-token")).isEmpty();
        assertThat(tokens.match("admin-secret-token ")).isEmpty();
        assertThat(tokens.match("admin-secret-toke")).isEmpty();
        assertThat(tokens.match("")).isEmpty();
    }

    @Test
    void theHashItselfIsNoToken() {
        assertThat(tokens.match(ADMIN.sha256())).isEmpty();
    }

    @Test
    void aConfiguredHashThatIsNot64HexDigitsStopsTheServiceNamingItsPrincipal() {
        var shortHash = new ApiTokenProperties.Token("short@example.com", ApiRole.ADMIN, "abc123");
        var notHex = new ApiTokenProperties.Token("nothex@example.com", ApiRole.ADMIN, "z".repeat(64));
        var missing = new ApiTokenProperties.Token("missing@example.com", ApiRole.ADMIN, null);

        assertThatThrownBy(() -> new ApiTokens(List.of(shortHash))).hasMessageContaining("short@example.com");
        assertThatThrownBy(() -> new ApiTokens(List.of(notHex))).hasMessageContaining("nothex@example.com");
        assertThatThrownBy(() -> new ApiTokens(List.of(missing))).hasMessageContaining("missing@example.com");
    }
}
