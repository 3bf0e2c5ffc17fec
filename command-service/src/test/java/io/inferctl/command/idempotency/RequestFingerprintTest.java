package io.inferctl.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

    private final RequestFingerprint fingerprint = new RequestFingerprint(new ObjectMapper());

    @Test
    void aBodyWithItsKeysReorderedIsTheSameRequest() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("comment", "c");
        first.put("config", Map.of("model", Map.of("name", "m")));
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("config", Map.of("model", Map.of("name", "m")));
        reordered.put("comment", "c");

        assertThat(hash("PATCH", "/v1/endpoints/x", "\"1\"", first))
                .isEqualTo(hash("PATCH", "/v1/endpoints/x", " \"1\" ", reordered));
    }

    @Test
    void anotherMethodPathIfMatchOrBodyIsAnotherRequest() {
        Map<String, Object> body = Map.of("targetVersion", 0);
        String request = hash("POST", "/v1/endpoints/x/rollback", "\"1\"", body);

        assertThat(List.of(
                hash("PATCH", "/v1/endpoints/x/rollback", "\"1\"", body),
                hash("POST", "/v1/endpoints/y/rollback", "\"1\"", body),
                hash("POST", "/v1/endpoints/x/rollback", "\"2\"", body),
                hash("POST", "/v1/endpoints/x/rollback", null, body),
                hash("POST", "/v1/endpoints/x/rollback", "\"1\"", Map.of("targetVersion", 1)),
                hash("POST", "/v1/endpoints/x/rollback", "\"1\"", null)))
                .doesNotContain(request)
                .doesNotHaveDuplicates();
    }

    @Test
    void theFingerprintTravelsWithTheCallerAndKey() {
        IdempotentRequest request = fingerprint.of("alice", "k1", "DELETE", "/v1/endpoints/x", null, "bye");

        assertThat(request.principal()).isEqualTo("alice");
        assertThat(request.key()).isEqualTo("k1");
        assertThat(request.requestHash()).hasSize(64);
    }

    private String hash(String method, String path, String ifMatch, Object body) {
        return fingerprint.of("alice", "k1", method, path, ifMatch, body).requestHash();
    }
}
