package io.inferctl.command.webhook.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static String newKey() {
        return Base64.getEncoder().encodeToString(SigningSecret.newKey());
    }

    private final SecretCipher cipher = new SecretCipher(newKey());
    private final byte[] secret = SigningSecret.newKey();

    @Test
    void aSecretDecryptsToItselfOnTheRowItWasSealedFor() {
        byte[] sealed = cipher.encrypt(secret, "wh-1/1");
        assertThat(cipher.decrypt(sealed, "wh-1/1")).isEqualTo(secret);
    }

    @Test
    void theStoredFormHoldsNoPlainSecretAndDiffersEachTime() {
        byte[] first = cipher.encrypt(secret, "wh-1/1");
        byte[] second = cipher.encrypt(secret, "wh-1/1");
        assertThat(first).isNotEqualTo(second);
        assertThat(new String(first, StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aCiphertextMovedToAnotherRowOrReadWithAnotherKeyDoesNotDecrypt() {
        byte[] sealed = cipher.encrypt(secret, "wh-1/1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "wh-2/1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(newKey()).decrypt(sealed, "wh-1/1"))
                .isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "wh-1/1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesOfBase64IsRefusedAtStartUp() {
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretCipher("not base64!")).hasMessageContaining("base64");
    }
}
