package io.inferctl.query.endtoend;

import io.inferctl.api.Sha256;
import io.inferctl.command.support.Tokens;

import java.util.List;
import java.util.stream.Stream;

import static io.inferctl.query.endtoend.Attack.ENDPOINT;
import static io.inferctl.query.endtoend.CommandBodyAttacks.CONFIG;
import static io.inferctl.query.endtoend.CommandBodyAttacks.create;

/**
 * Requests whose body is fine and whose head is not: abused headers, paths that climb or hide a
 * slash, a worker's reports from someone else, a role reaching above itself.
 */
final class CommandRequestAttacks {

    private static final String ENDPOINTS = "/v1/endpoints";
    private static final String ONE = ENDPOINTS + "/" + ENDPOINT;
    private static final String REPORTS = "/v1/internal/endpoints/" + ENDPOINT + "/versions/0/rollout/";
    private static final String VALID = create("\"hostile-valid\"");
    private static final String PATCH = "{\"config\": {\"engine\": {\"maxBatchSize\": 8}}}";

    private CommandRequestAttacks() {
    }

    static Stream<Attack> all() {
        return Stream.of(headers(), paths(), forgedReports(), escalation()).flatMap(List::stream);
    }

    private static Attack.Builder to(String method, String path) {
        return Attack.to(Attack.Api.COMMAND, method, path);
    }

    private static Attack.Builder createAs(String token) {
        return to("POST", ENDPOINTS).token(token);
    }

    private static Attack.Builder patchAs(String token) {
        return to("PATCH", ONE).token(token);
    }

    private static List<Attack> headers() {
        return List.of(
                createAs(Tokens.ALICE).header("X-Padding", "a".repeat(20 * 1024)).json(VALID).refused("a 20 KB header", 400),
                many(createAs(Tokens.ALICE), 150).json(VALID).refused("150 headers", 400),
                createAs(Tokens.ALICE).header("X-Note", "a\rInjected: yes").json(VALID).refused("a bare CR inside a header", 400),
                createAs(Tokens.ALICE).header("X-Note", "a\u0085b").json(VALID).refused("a C1 control in a header", 400),
                createAs(Tokens.ALICE).bytes("text/plain", VALID.getBytes()).refused("the body as text/plain", 415),
                createAs(Tokens.ALICE).bytes("application/xml", VALID.getBytes()).refused("the body as XML", 415),
                createAs(Tokens.ALICE).bytes(null, VALID.getBytes()).refused("a body without Content-Type", 415),
                createAs(Tokens.ALICE).bytes("application/json;charset=ebcdic-xyz", VALID.getBytes())
                        .refused("a charset nobody knows", 0),
                createAs(Tokens.ALICE).bytes("application/json;;;=", VALID.getBytes()).refused("a malformed Content-Type", 0),
                createAs(Tokens.ALICE).bytes("application/x-www-form-urlencoded", "name=hostile-a".getBytes())
                        .refused("a form post", 415),
                createAs(Tokens.ALICE).header("Accept", "text/html").json(VALID).refused("Accept: text/html only", 406),
                createAs(Tokens.ALICE).header("Accept", "application/json;q=x").json(VALID).refused("a malformed Accept", 400),
                to("POST", ONE + "/rollback").token(Tokens.ALICE).header("Accept", "image/png").json("{\"targetVersion\": 0}")
                        .refused("a rollback that accepts only images", 406),
                to("DELETE", ONE).token(Tokens.ADMIN).header("Accept", "application/xml").refused("a delete that accepts only XML", 406),
                to("POST", REPORTS + "started").token(Tokens.WORKER).header("Accept", "text/csv")
                        .refused("a rollout report that accepts only CSV", 406),
                patchAs(Tokens.ALICE).header("If-Match", "garbage").json(PATCH).refused("If-Match that is no entity tag", 400),
                patchAs(Tokens.ALICE).header("If-Match", "\"abc\"").json(PATCH).refused("If-Match naming no version", 400),
                patchAs(Tokens.ALICE).header("If-Match", "\"-1\"").json(PATCH).refused("If-Match with a negative version", 400),
                patchAs(Tokens.ALICE).header("If-Match", "\"99999999999999999999\"").json(PATCH)
                        .refused("If-Match past the largest version", 0),
                patchAs(Tokens.ALICE).header("If-Match", "\"" + "9".repeat(5000) + "\"").json(PATCH)
                        .refused("a 5000-digit If-Match", 0),
                patchAs(Tokens.ALICE).header("If-Match", "\"7\"").json(PATCH).refused("a stale If-Match", 412),
                createAs(Tokens.ALICE).header("Idempotency-Key", "k".repeat(10_000)).json(VALID)
                        .refused("a 10 KB Idempotency-Key", 400),
                createAs(Tokens.ALICE).header("Idempotency-Key", "").json(VALID).refused("an empty Idempotency-Key", 400),
                createAs(Tokens.ALICE).header("Idempotency-Key", "key with spaces").json(VALID)
                        .refused("an Idempotency-Key with spaces", 400),
                createAs(Tokens.ALICE).header("Idempotency-Key", "caf\u00e9").json(VALID)
                        .refused("an Idempotency-Key outside ASCII", 400),
                createAs(Tokens.ALICE).header("Idempotency-Key", "a").header("Idempotency-Key", "b").json(VALID)
                        .refused("two Idempotency-Keys", 400),
                createAs("x".repeat(7000)).json(VALID).refused("a 7 KB unknown token", 401),
                to("POST", ENDPOINTS).header("Authorization", "Basic YWRtaW46YWRtaW4=").json(VALID)
                        .refused("basic authentication admin:admin", 401),
                to("POST", ENDPOINTS).header("Authorization", "Bearer").json(VALID).refused("Bearer without a token", 401),
                to("POST", ENDPOINTS).header("Authorization", "Bearer " + Sha256.hex(Tokens.ALICE)).json(VALID)
                        .refused("a token's configured hash sent as the token", 401),
                to("POST", ENDPOINTS).header("Authorization", "Bearer " + Tokens.ALICE.toUpperCase()).json(VALID)
                        .refused("a token in other case", 401),
                to("DELETE", ONE).token(Tokens.ALICE).token(Tokens.ADMIN).refused("a deployer's token, then an admin's", 400),
                patchAs(Tokens.ALICE).header("If-Match", "\"0\"").header("If-Match", "\"7\"").json(PATCH)
                        .refused("two If-Match headers", 400),
                createAs(Tokens.ALICE).header("Content-Type", "text/plain").json(VALID).refused("two Content-Types", 400),
                createAs(Tokens.ALICE).header("Host", "evil.example:abc").json(VALID).refused("a second, malformed Host", 400),
                to("POST", ONE).token(Tokens.ALICE).header("X-HTTP-Method-Override", "DELETE")
                        .refused("POST with X-HTTP-Method-Override: DELETE", 405),
                to("POST", ONE + "?_method=DELETE").token(Tokens.ALICE).refused("POST with _method=DELETE", 0),
                createAs(Tokens.ALICE).header("Expect", "the-unexpected").json(VALID).refused("an Expect nobody meets", 417));
    }

    private static List<Attack> paths() {
        return List.of(
                to("DELETE", ENDPOINTS + "/..%2F..%2Fv1%2Fwebhooks").token(Tokens.ADMIN).refused("an encoded ../ in the id", 400),
                to("POST", ENDPOINTS + "/%2e%2e/webhooks").token(Tokens.ALICE).json("{}").refused("an encoded .. segment", 400),
                to("POST", "/v1/internal/../endpoints").token(Tokens.ALICE).json(VALID).refused("a ../ in the path", 400),
                to("POST", ONE + "/../" + ENDPOINT + "/rollback").token(Tokens.ALICE).json("{\"targetVersion\": 0}")
                        .refused("a ../ between the id and the action", 400),
                to("DELETE", ONE + "%00").token(Tokens.ADMIN).refused("an encoded NUL after the id", 400),
                to("DELETE", ENDPOINTS + "/%252e%252e").token(Tokens.ADMIN).refused("a double-encoded ..", 400),
                to("POST", ENDPOINTS + ";jsessionid=x").token(Tokens.ALICE).json(VALID).refused("a path parameter", 400),
                to("POST", "/v1\\endpoints").token(Tokens.ALICE).json(VALID).refused("a backslash in the path", 400),
                to("POST", "//v1/endpoints").token(Tokens.ALICE).json(VALID).refused("a double slash", 400),
                to("POST", "/V1/ENDPOINTS").token(Tokens.ADMIN).json(VALID).refused("the path in upper case", 404),
                to("POST", ENDPOINTS + "/").token(Tokens.ALICE).json(VALID).refused("a trailing slash", 404),
                to("POST", ENDPOINTS + "/caf\u00e9").token(Tokens.ALICE).json(VALID).refused("a raw non-ASCII byte in the path", 400),
                to("POST", ENDPOINTS + "/" + "a".repeat(10_000)).token(Tokens.ALICE).json(VALID).refused("a 10 KB path", 400),
                to("DELETE", ENDPOINTS + "/%2F").token(Tokens.ADMIN).refused("an encoded slash as the id", 400),
                to("POST", "/v1/endpoints/" + ENDPOINT + "/versions/0/..%2F..%2Frollback").token(Tokens.ALICE)
                        .json("{\"targetVersion\": 0}").refused("an encoded ../ in the version's path", 400));
    }

    private static List<Attack> forgedReports() {
        return List.of(
                to("POST", REPORTS + "started").token(Tokens.VIEWER).refused("a viewer's rollout report", 403),
                to("POST", REPORTS + "started").token(Tokens.ALICE).refused("a deployer's rollout report", 403),
                to("POST", REPORTS + "succeeded").token(Tokens.ADMIN).refused("an admin's rollout report", 403),
                to("POST", REPORTS + "failed").refused("a rollout report without a token", 401),
                to("POST", REPORTS + "started").token("rollout-worker").refused("the worker's principal as its token", 401),
                to("POST", REPORTS + "failed").token(Tokens.VIEWER).header("X-Role", "WORKER")
                        .json("{\"code\": \"IMAGE_PULL_FAILED\", \"message\": \"x\"}").refused("a viewer claiming X-Role: WORKER", 403),
                to("POST", "/v1/internal/endpoints/no-such-endpoint/versions/0/rollout/started").token(Tokens.WORKER)
                        .refused("a report for an endpoint that does not exist", 404),
                to("POST", "/v1/internal/endpoints/" + ENDPOINT + "/versions/999/rollout/started").token(Tokens.WORKER)
                        .refused("a report for a version that does not exist", 0),
                to("POST", "/v1/internal/endpoints/" + ENDPOINT + "/versions/abc/rollout/started").token(Tokens.WORKER)
                        .refused("a report for version abc", 400),
                to("POST", "/v1/internal/endpoints/" + ENDPOINT + "/versions/-1/rollout/started").token(Tokens.WORKER)
                        .refused("a report for version -1", 0),
                to("POST", REPORTS + "progress").token(Tokens.WORKER).json("{\"phase\": \"PWNED\"}")
                        .refused("a progress report with an unknown phase", 400),
                to("POST", REPORTS + "progress").token(Tokens.WORKER).json("{\"phase\": \"DEPLOYING\", \"actor\": \"admin\"}")
                        .refused("a progress report with an actor field", 400),
                to("POST", REPORTS + "failed").token(Tokens.WORKER).json("{\"code\": \"IMAGE_PULL_FAILED\", \"message\": \"a\\u0000b\"}")
                        .refused("a failure message with a NUL", 422),
                to("POST", REPORTS + "failed").token(Tokens.WORKER).json("{\"code\": \"NO_SUCH_CODE\", \"message\": \"x\"}")
                        .refused("a failure with an unknown code", 400),
                to("POST", REPORTS + "failed").token(Tokens.WORKER)
                        .json("{\"code\": \"IMAGE_PULL_FAILED\", \"message\": \"" + "m".repeat(20_000) + "\"}")
                        .refused("a 20 000-character failure message", 422));
    }

    private static List<Attack> escalation() {
        return List.of(
                createAs(Tokens.VIEWER).json(VALID).refused("a viewer creating an endpoint", 403),
                patchAs(Tokens.VIEWER).json(PATCH).refused("a viewer changing an endpoint", 403),
                to("POST", ONE + "/rollback").token(Tokens.VIEWER).json("{\"targetVersion\": 0}").refused("a viewer rolling back", 403),
                to("DELETE", ONE).token(Tokens.ALICE).refused("a deployer deleting an endpoint", 403),
                to("DELETE", ONE).token(Tokens.VIEWER).header("X-Forwarded-User", "admin@example.com")
                        .refused("a viewer deleting, claiming to be the admin", 403),
                createAs(Tokens.WORKER).json(VALID).refused("the worker creating an endpoint", 403),
                to("GET", "/v1/webhooks").token(Tokens.ALICE).refused("a deployer listing webhook integrations", 403),
                to("POST", "/v1/webhooks").token(Tokens.ALICE).json("{\"name\": \"hook\"}")
                        .refused("a deployer creating a webhook integration", 403),
                to("GET", "/v1/webhooks").token(Tokens.WORKER).refused("the worker listing webhook integrations", 403),
                to("POST", "/v1/webhooks/no-such-integration").json("{}").refused("an unsigned webhook delivery", 0),
                createAs(Tokens.ALICE).json("{\"name\": \"hostile-a\", \"role\": \"ADMIN\", \"config\": " + CONFIG + "}")
                        .refused("a role in the body", 400),
                to("GET", "/actuator/env").token(Tokens.ALICE).refused("a deployer reading the environment", 0),
                to("POST", "/actuator/shutdown").token(Tokens.ADMIN).refused("shutting the service down", 0));
    }

    private static Attack.Builder many(Attack.Builder builder, int headers) {
        for (int i = 0; i < headers; i++) {
            builder.header("X-Header-" + i, "v");
        }
        return builder;
    }
}
