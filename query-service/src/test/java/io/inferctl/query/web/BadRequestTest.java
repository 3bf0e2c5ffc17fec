package io.inferctl.query.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every refusal of the query API: a Problem Details answer naming what was wrong, never a 500. */
class BadRequestTest extends QueryServiceTest {

    private static final String ENDPOINT = "{endpoint}";
    private static String endpointId;

    @BeforeEach
    void anEndpointWithTwoVersions() {
        if (endpointId == null) {
            EndpointHistory history = EndpointHistory.of("refusals").created().served()
                    .updated(java.util.Map.of(io.inferctl.events.config.ConfigField.ACCELERATOR_COUNT, 2), "two");
            publishAndAwait(history);
            endpointId = history.endpointId();
        }
    }

    static Stream<Arguments> refusals() {
        String versions = "/v1/endpoints/" + ENDPOINT + "/versions";
        String otherListsCursor = Base64.getUrlEncoder().withoutPadding().encodeToString("audit\n2026-01-01T00:00:00Z\nx".getBytes());
        return Stream.of(
                // request, token, header, status, code, parameter at fault
                arguments(versions + "?limit=0", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "limit"),
                arguments(versions + "?limit=101", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "limit"),
                arguments(versions + "?limit=ten", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "limit"),
                arguments(versions + "?cursor=%25%25not-base64", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "cursor"),
                arguments(versions + "?cursor=" + otherListsCursor, Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "cursor"),
                arguments(versions + "/7", Tokens.VIEWER, null, 404, "VERSION_NOT_FOUND", "version"),
                arguments(versions + "/seven", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "version"),
                arguments("/v1/endpoints/" + ENDPOINT + "/diff?from=1&to=0", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "from"),
                arguments("/v1/endpoints/" + ENDPOINT + "/diff?from=0", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "to"),
                arguments("/v1/endpoints/" + ENDPOINT + "/diff?from=0&to=9", Tokens.VIEWER, null, 404, "VERSION_NOT_FOUND", "to"),
                arguments("/v1/endpoints/" + ENDPOINT + "/diff?from=-1&to=1", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "from"),
                arguments("/v1/endpoints/" + ENDPOINT + "?minSequence=-1", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "minSequence"),
                arguments("/v1/endpoints/" + ENDPOINT + "?minSequence=soon", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "minSequence"),
                arguments("/v1/endpoints/" + ENDPOINT, Tokens.VIEWER, "Min-Sequence: later", 400, "INVALID_PARAMETER",
                        "Min-Sequence"),
                arguments("/v1/endpoints/" + ENDPOINT, Tokens.VIEWER, "Min-Sequence: -4", 400, "INVALID_PARAMETER",
                        "Min-Sequence"),
                arguments("/v1/endpoints/no-such-endpoint", Tokens.VIEWER, null, 404, "ENDPOINT_NOT_FOUND", null),
                arguments("/v1/endpoints?status=RUNNING", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "status"),
                arguments("/v1/endpoints?cursor=bm9wZQ", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "cursor"),
                arguments("/v1/audit?since=yesterday", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "since"),
                arguments("/v1/audit?until=2026-13-01T00:00:00Z", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "until"),
                arguments("/v1/audit?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", Tokens.VIEWER, null, 400,
                        "INVALID_PARAMETER", "since"),
                arguments("/v1/audit?action=EXPLODE", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "action"),
                arguments("/v1/audit?actor=", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "actor"),
                arguments("/v1/audit?minSequence=3", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "minSequence"),
                arguments("/v1/audit?limit=1000", Tokens.VIEWER, null, 400, "INVALID_PARAMETER", "limit"),
                arguments("/v1/audit", Tokens.VIEWER, "Accept: application/xml", 406, "NOT_ACCEPTABLE", null),
                arguments("/v1/audit", null, null, 401, "UNAUTHENTICATED", null),
                arguments("/v1/audit", "not-a-token", null, 401, "UNAUTHENTICATED", null),
                arguments("/v1/endpoints", Tokens.WORKER, null, 403, "FORBIDDEN", null),
                arguments("/v1/admin/rebuild", Tokens.VIEWER, null, 403, "FORBIDDEN", null),
                arguments("/v1/nothing-here", Tokens.ADMIN, null, 404, "NOT_FOUND", null));
    }

    @ParameterizedTest(name = "{0} -> {3} {4} {5}")
    @MethodSource("refusals")
    void aBadRequestIsRefusedWithAProblemNamingWhatWasWrong(String path, String token, String header, int status,
                                                             String code, String parameter) {
        Api.Call call = api.get(path.replace(ENDPOINT, endpointId));
        if (token != null) {
            call.as(token);
        }
        if (header != null) {
            String[] parts = header.split(": ", 2);
            call.header(parts[0], parts[1]);
        }

        Api.Response response = call.send();

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("code").asText()).isEqualTo(code);
        assertThat(response.body().get("type").asText()).startsWith("urn:inferctl:problem:");
        if (parameter != null) {
            assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo(parameter);
            assertThat(response.body().get("errors").get(0).get("reason").asText()).isNotBlank();
        }
    }
}
