package io.inferctl.command.webhook.store;

import io.inferctl.command.webhook.SecretVault;
import io.inferctl.command.webhook.crypto.SecretCipher;
import io.inferctl.command.webhook.crypto.SigningSecret;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Secrets encrypted with {@link SecretCipher}, on the transaction of the command being handled. */
@Component
public class JdbcSecretVault implements SecretVault {

    /** A decrypted key and until when it verifies ({@code null}: until the next rotation). */
    public record StoredKey(String integrationId, int secretVersion, byte[] key, Instant validUntil) {
    }

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    JdbcSecretVault(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public String issue(String integrationId, int secretVersion) {
        byte[] key = SigningSecret.newKey();
        try {
            jdbc.sql("INSERT INTO webhook_secret (integration_id, secret_version, ciphertext) VALUES (:id, :version, :ciphertext)")
                    .param("id", integrationId)
                    .param("version", secretVersion)
                    .param("ciphertext", cipher.encrypt(key, boundTo(integrationId, secretVersion)))
                    .update();
            return SigningSecret.format(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public void retireBefore(String integrationId, int secretVersion, Instant until) {
        // A secret already on its way out keeps the earlier end: a rotation never extends an old secret.
        jdbc.sql("UPDATE webhook_secret SET valid_until = LEAST(COALESCE(valid_until, :until), :until) "
                        + "WHERE integration_id = :id AND secret_version < :version")
                .param("until", Timestamp.from(until))
                .param("id", integrationId)
                .param("version", secretVersion)
                .update();
    }

    @Override
    public void destroy(String integrationId) {
        jdbc.sql("DELETE FROM webhook_secret WHERE integration_id = :id").param("id", integrationId).update();
    }

    /** The keys of every enabled integration that still verify at {@code now}. */
    public List<StoredKey> enabledKeys(Instant now) {
        return jdbc.sql("SELECT s.integration_id, s.secret_version, s.ciphertext, s.valid_until FROM webhook_secret s "
                        + "JOIN webhook_integration i USING (integration_id) "
                        + "WHERE i.status = 'ENABLED' AND (s.valid_until IS NULL OR s.valid_until > :now)")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> {
                    String id = rs.getString("integration_id");
                    int version = rs.getInt("secret_version");
                    Timestamp until = rs.getTimestamp("valid_until");
                    return new StoredKey(id, version, cipher.decrypt(rs.getBytes("ciphertext"), boundTo(id, version)),
                            until == null ? null : until.toInstant());
                }).list();
    }

    private static String boundTo(String integrationId, int secretVersion) {
        return integrationId + "/" + secretVersion;
    }
}
