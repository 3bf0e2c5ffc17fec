package io.inferctl.command.webhook.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Known answers from the Standard Webhooks specification, and the ways a delivery fails to verify. */
class StandardWebhookSignatureTest {

    // The test vector published with the specification (and used by its reference libraries).
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String SPEC_TIMESTAMP = "1614265330";
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(SPEC_TIMESTAMP));

    private final StandardWebhookSignature signatures = new StandardWebhookSignature(Duration.ofMinutes(5));
    private final List<byte[]> specKey = List.of(SigningSecret.parse(SPEC_SECRET));

    @Test
    void signingTheSpecificationsVectorGivesItsPublishedSignature() {
        assertThat(StandardWebhookSignature.header(SigningSecret.parse(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void theSpecificationsVectorVerifies() {
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, specKey, SIGNED_AT)).isEmpty();
    }

    @Test
    void oneMatchingSignatureAmongSeveralVerifies() {
        String rotating = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v2,whatever " + SPEC_SIGNATURE;
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, rotating, SPEC_BODY, specKey, SIGNED_AT)).isEmpty();
    }

    @Test
    void anyOfSeveralKeysMayHaveSigned() {
        List<byte[]> keys = List.of(SigningSecret.newKey(), SigningSecret.parse(SPEC_SECRET));
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, keys, SIGNED_AT)).isEmpty();
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, changed, specKey, SIGNED_AT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no signature"));
    }

    @Test
    void anotherIdOrTimestampUnderTheSameSignatureIsRefused() {
        assertThat(signatures.refusal("msg_other", SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, specKey, SIGNED_AT)).isPresent();
        assertThat(signatures.refusal(SPEC_ID, "1614265331", SPEC_SIGNATURE, SPEC_BODY, specKey, SIGNED_AT)).isPresent();
    }

    @Test
    void anotherSecretsSignatureIsRefused() {
        List<byte[]> other = List.of(SigningSecret.newKey());
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, other, SIGNED_AT)).isPresent();
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedEitherWayWithTheReason() {
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, specKey,
                SIGNED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("older"));
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, specKey,
                SIGNED_AT.minus(Duration.ofMinutes(5)).minusSeconds(1)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("newer"));
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, specKey,
                SIGNED_AT.plus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void missingHeadersAndMalformedSignaturesAreRefusedNotThrown() {
        assertThat(signatures.refusal(null, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, specKey, SIGNED_AT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("webhook-id"));
        assertThat(signatures.refusal(SPEC_ID, null, SPEC_SIGNATURE, SPEC_BODY, specKey, SIGNED_AT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("webhook-timestamp"));
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, " ", SPEC_BODY, specKey, SIGNED_AT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("webhook-signature"));
        assertThat(signatures.refusal(SPEC_ID, "soon", SPEC_SIGNATURE, SPEC_BODY, specKey, SIGNED_AT))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not a number"));
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, "v1,%%%not-base64", SPEC_BODY, specKey, SIGNED_AT)).isPresent();
        assertThat(signatures.refusal(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, List.of(), SIGNED_AT)).isPresent();
    }
}
