package io.inferctl.query.endtoend;

import io.inferctl.api.Sha256;
import io.inferctl.command.support.Tokens;

import java.util.List;

import static io.inferctl.query.endtoend.Attack.ENDPOINT;

/** What an attacker sends the query API: it only reads, so each must be refused and change nothing. */
final class QueryAttacks {

    private static final String ONE = "/v1/endpoints/" + ENDPOINT;

    private QueryAttacks() {
    }

    private static Attack.Builder get(String target) {
        return Attack.to(Attack.Api.QUERY, "GET", target).token(Tokens.VIEWER);
    }

    private static Attack.Builder as(String method, String target, String token) {
        return Attack.to(Attack.Api.QUERY, method, target).token(token);
    }

    static List<Attack> all() {
        return List.of(
                as("POST", "/v1/endpoints", Tokens.ALICE).json("{\"name\": \"hostile-q\"}").refused("a create sent to the read side", 405),
                as("DELETE", ONE, Tokens.ADMIN).refused("a delete sent to the read side", 405),
                as("POST", "/v1/admin/rebuild", Tokens.VIEWER).refused("a viewer rebuilding the read model", 403),
                as("POST", "/v1/admin/rebuild", Tokens.ALICE).refused("a deployer rebuilding the read model", 403),
                as("POST", "/v1/admin/rebuild", Tokens.WORKER).refused("the worker rebuilding the read model", 403),
                as("GET", "/v1/endpoints", Tokens.WORKER).refused("the worker reading endpoints", 403),
                as("GET", "/v1/audit", Tokens.WORKER).refused("the worker reading the audit log", 403),
                Attack.to(Attack.Api.QUERY, "GET", "/v1/audit").refused("the audit log without a token", 401),
                as("GET", "/v1/audit", "not-a-token").refused("the audit log with an unknown token", 401),
                as("GET", "/v1/audit", Sha256.hex(Tokens.VIEWER)).refused("a token's hash sent as the token", 401),
                as("POST", "/v1/admin/rebuild", Tokens.VIEWER).header("X-Forwarded-User", "admin@example.com")
                        .refused("a viewer rebuilding, claiming to be the admin", 403),
                get("/v1/audit?limit=abc").refused("a limit that is not a number", 400),
                get("/v1/audit?limit=-1").refused("a negative limit", 400),
                get("/v1/audit?limit=99999999999").refused("a limit past 2^31", 400),
                get("/v1/audit?limit=1&limit=2").refused("the limit twice (parameter pollution)", 400),
                get("/v1/audit?cursor=garbage").refused("a forged cursor", 400),
                get("/v1/audit?cursor=JyBPUiAxPTEgLS0").refused("a cursor holding SQL", 400),
                get("/v1/audit?cursor=" + "A".repeat(6000)).refused("a 6 KB cursor", 400),
                get("/v1/audit?since=yesterday").refused("a since that is no time", 400),
                get("/v1/audit?until=2026-13-45T99:00:00Z").refused("an until past the calendar", 400),
                get("/v1/audit?action=DROP_TABLE").refused("an action that does not exist", 400),
                get("/v1/audit?minSequence=abc").refused("a minSequence that is not a number", 400),
                get("/v1/audit?actor=%00").refused("an encoded NUL as the actor", 400),
                get("/v1/audit?endpointId=a%00b").refused("an encoded NUL in the endpoint id", 400),
                get("/v1/audit?actor=%C0%AF").refused("an overlong UTF-8 actor", 400),
                get("/v1/audit?actor=%ED%A0%80").refused("a UTF-8 encoded surrogate as the actor", 400),
                get("/v1/audit?actor=%FF").refused("a byte that is never UTF-8 as the actor", 400),
                get("/v1/audit?endpointId=" + ENDPOINT + "&sql=1").refused("a parameter the route does not take", 400),
                get("/v1/audit").header("Min-Sequence", "abc").refused("a Min-Sequence header that is not a number", 400),
                get("/v1/audit").header("Min-Sequence", "1").header("Min-Sequence", "999999")
                        .refused("two Min-Sequence headers", 400),
                get("/v1/audit").token(Tokens.ADMIN).refused("a viewer's token, then an admin's", 400),
                get("/v1/audit").header("Accept", "application/xml").refused("the audit log as XML", 406),
                get("/v1/audit").header("Accept", "text/csv;q=abc").refused("a malformed Accept on the export", 400),
                get(ONE + "/diff?from=abc&to=0").refused("a diff from a version that is no number", 400),
                get(ONE + "/diff?from=0").refused("a diff without its other end", 400),
                get(ONE + "/versions/abc").refused("a version that is no number", 400),
                get(ONE + "/versions/99999999999").refused("a version past 2^31", 400),
                get(ONE + "/versions?limit=0").refused("a page of nothing", 400),
                get("/v1/endpoints?status=CURRENT%27%20OR%201%3D1").refused("a status holding SQL", 400),
                get("/v1/endpoints/..%2Fadmin%2Frebuild").refused("an encoded ../ towards the admin API", 400),
                get("/v1/endpoints/%2e%2e/admin/rebuild").refused("an encoded .. segment towards the admin API", 400),
                get("/v1/endpoints/../admin/rebuild").refused("a ../ towards the admin API", 400),
                get("/v1/audit;x=1").refused("a path parameter", 400),
                get("/v1/audit\\..\\admin").refused("a backslash in the path", 400),
                get("/v1/audit").header("X-Padding", "a".repeat(20 * 1024)).refused("a 20 KB header", 400),
                get("/v1/audit").header("X-Note", "a\u0085").refused("a C1 control in a header", 400),
                get("/v1/audit").header("X-Note", "a\rInjected: yes").refused("a bare CR inside a header", 400),
                Attack.to(Attack.Api.QUERY, "TRACE", "/v1/audit").refused("TRACE", 405));
    }
}
