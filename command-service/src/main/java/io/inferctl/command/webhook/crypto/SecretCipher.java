package io.inferctl.command.webhook.crypto;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-GCM for secrets at rest. Each secret gets a fresh 96-bit nonce, and the row it belongs to
 * (integration and secret version) is bound in as associated data, so a ciphertext copied onto
 * another row does not decrypt.
 */
public final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key 32 bytes, base64 */
    public SecretCipher(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inferctl.webhooks.encryption-key must be base64 of " + KEY_BYTES + " bytes");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("inferctl.webhooks.encryption-key must be base64 of " + KEY_BYTES
                    + " bytes (e.g. openssl rand -base64 32), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
    }

    /** @return nonce followed by ciphertext and tag */
    public byte[] encrypt(byte[] plain, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, plain, boundTo);
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    /** @throws IllegalStateException when the data was changed, bound to another row, or sealed with another key */
    public byte[] decrypt(byte[] stored, String boundTo) {
        if (stored.length <= NONCE_BYTES) {
            throw new IllegalStateException("stored secret is too short to be ciphertext");
        }
        byte[] nonce = Arrays.copyOf(stored, NONCE_BYTES);
        return run(Cipher.DECRYPT_MODE, nonce, Arrays.copyOfRange(stored, NONCE_BYTES, stored.length), boundTo);
    }

    private byte[] run(int mode, byte[] nonce, byte[] input, String boundTo) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // The message names no secret material: only that this row cannot be opened with this key.
            throw new IllegalStateException("a webhook secret could not be " + (mode == Cipher.ENCRYPT_MODE
                    ? "encrypted" : "decrypted: wrong key, or the row was altered"), null);
        }
    }
}
