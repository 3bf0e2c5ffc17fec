package io.inferctl.query.endtoend;

import io.inferctl.command.support.Tokens;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.inferctl.query.endtoend.Attack.ENDPOINT;

/** Bodies an attacker sends the command API: malformed, oversized, mistyped, duplicated, oddly encoded. */
final class CommandBodyAttacks {

    private static final String ENDPOINTS = "/v1/endpoints";
    private static final String ONE = ENDPOINTS + "/" + ENDPOINT;
    static final String CONFIG = "{\"model\": {\"name\": \"Llama-3.1-8B-Instruct\", "
            + "\"source\": \"hf://meta-llama/Llama-3.1-8B-Instruct\"}, "
            + "\"accelerator\": {\"type\": \"NVIDIA_H100\", \"count\": 1}, "
            + "\"autoscaling\": {\"minReplicas\": 1, \"maxReplicas\": 2}}";

    private CommandBodyAttacks() {
    }

    static Stream<Attack> all() {
        return Stream.of(bodies(), types(), duplicateKeys(), unicode()).flatMap(List::stream);
    }

    /** A create body whose name is {@code name} (JSON as written) and whose comment is {@code comment}. */
    static String create(String name, String comment) {
        return "{\"name\": " + name + ", \"comment\": " + comment + ", \"config\": " + CONFIG + "}";
    }

    static String create(String name) {
        return create(name, "\"hostile\"");
    }

    private static Attack.Builder post(String path, String token) {
        return Attack.to(Attack.Api.COMMAND, "POST", path).token(token);
    }

    private static Attack.Builder createAs(String token) {
        return post(ENDPOINTS, token);
    }

    private static Attack.Builder patch(String token) {
        return Attack.to(Attack.Api.COMMAND, "PATCH", ONE).token(token);
    }

    private static List<Attack> bodies() {
        return List.of(
                createAs(Tokens.ALICE).json("").refused("an empty body", 400),
                createAs(Tokens.ALICE).json("{\"name\": \"hostile-a\", ").refused("a truncated JSON object", 400),
                createAs(Tokens.ALICE).json("[" + create("\"hostile-a\"") + "]").refused("an array instead of an object", 400),
                createAs(Tokens.ALICE).json("null").refused("null as the body", 400),
                createAs(Tokens.ALICE).json("\"hostile-a\"").refused("a string as the body", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"") + "{}").refused("trailing JSON after the object", 400),
                createAs(Tokens.ALICE).json("/* x */" + create("\"hostile-a\"")).refused("a comment in the JSON", 400),
                createAs(Tokens.ALICE).json(create("'hostile-a'")).refused("single-quoted strings", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1", "\"count\": NaN"))
                        .refused("NaN as a number", 400),
                createAs(Tokens.ALICE).json("{\"name\": \"" + "a".repeat(1024 * 1024) + "\"}")
                        .refused("a 1 MB body", 413),
                createAs(Tokens.ALICE).json(" ".repeat(70 * 1024) + create("\"hostile-a\""))
                        .refused("a valid body behind 70 KB of whitespace", 413),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1",
                        "\"count\": " + "[".repeat(3000) + "]".repeat(3000))).refused("arrays nested 3000 deep", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1",
                        "\"count\": 1" + "0".repeat(20_000))).refused("a number of 20000 digits", 400),
                createAs(Tokens.ALICE).json(create("\"" + "a".repeat(5000) + "\"")).refused("a 5000-character name", 422),
                createAs(Tokens.ALICE).header("Content-Type", "application/json").header("Content-Length", "5")
                        .rawBody(create("\"hostile-a\"")).refused("a Content-Length shorter than the body"),
                createAs(Tokens.ALICE).header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                        .rawBody("zz\r\n{}\r\n0\r\n\r\n").refused("a chunk size that is not hexadecimal", 400),
                createAs(Tokens.ALICE).header("Content-Type", "application/json").header("Content-Length", "2")
                        .header("Transfer-Encoding", "chunked").rawBody("2\r\n{}\r\n0\r\n\r\n")
                        .refused("both Content-Length and Transfer-Encoding (chunked wins, as RFC 9112 says)"));
    }

    private static List<Attack> types() {
        return List.of(
                createAs(Tokens.ALICE).json(create("42")).refused("a number as the name", 400),
                createAs(Tokens.ALICE).json(create("{\"first\": \"hostile\"}")).refused("an object as the name", 400),
                createAs(Tokens.ALICE).json(create("[\"hostile-a\"]")).refused("an array as the name", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"", "7")).refused("a number as the comment", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1", "\"count\": \"1\""))
                        .refused("a string as the accelerator count", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1", "\"count\": 1.5"))
                        .refused("a fraction as the accelerator count", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1", "\"count\": true"))
                        .refused("a boolean as the accelerator count", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1", "\"count\": -1"))
                        .refused("a negative accelerator count"),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1", "\"count\": 9223372036854775808"))
                        .refused("an accelerator count past 2^63"),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"maxReplicas\": 2", "\"maxReplicas\": 0"))
                        .refused("fewer maximum than minimum replicas"),
                createAs(Tokens.ALICE).json("{\"name\": \"hostile-a\", \"config\": \"" + CONFIG.replace("\"", "\\\"") + "\"}")
                        .refused("the configuration as a string", 400),
                createAs(Tokens.ALICE).json("{\"name\": \"hostile-a\", \"createdBy\": \"admin@example.com\", \"config\": "
                        + CONFIG + "}").refused("a createdBy field naming someone else", 400),
                createAs(Tokens.ALICE).json("{\"name\": \"hostile-a\", \"__proto__\": {\"role\": \"admin\"}, \"config\": "
                        + CONFIG + "}").refused("a __proto__ field", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"autoscaling\"", "\"privileged\": true, \"autoscaling\""))
                        .refused("an unknown setting in the configuration", 400),
                createAs(Tokens.ALICE).json(create("\"=1+1\"")).refused("a formula as the endpoint name", 422),
                post(ONE + "/rollback", Tokens.ALICE).json("{\"targetVersion\": \"0\"}")
                        .refused("a string as the rollback's target version", 400),
                post(ONE + "/rollback", Tokens.ALICE).json("{\"targetVersion\": -1}")
                        .refused("a negative rollback target", 422),
                patch(Tokens.ALICE).json("{\"config\": {\"engine\": {\"maxBatchSize\": 8}}, \"baseVersion\": \"0\"}")
                        .refused("a string as the base version", 400),
                patch(Tokens.ALICE).json("{\"config\": [1, 2]}").refused("an array as the configuration patch", 400));
    }

    private static List<Attack> duplicateKeys() {
        return List.of(
                createAs(Tokens.ALICE).json("{\"name\": \"hostile-a\", \"name\": \"hostile-b\", \"config\": " + CONFIG + "}")
                        .refused("the name twice", 400),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("\"count\": 1", "\"count\": 1, \"count\": 8"))
                        .refused("the accelerator count twice", 400),
                post(ONE + "/rollback", Tokens.ALICE).json("{\"targetVersion\": 0, \"targetVersion\": 0}")
                        .refused("the rollback target twice", 400),
                patch(Tokens.ALICE).json("{\"config\": {\"engine\": {\"maxBatchSize\": 8, \"maxBatchSize\": 9}}}")
                        .refused("a setting twice in a merge patch", 400),
                patch(Tokens.ALICE).json("{\"config\": {\"engine\": {\"maxBatchSize\": 8}}, \"config\": {}}")
                        .refused("the configuration patch twice", 400));
    }

    private static List<Attack> unicode() {
        return List.of(
                createAs(Tokens.ALICE).json(create("\"hostile\\u0000a\"")).refused("an escaped NUL in the name", 422),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"", "\"a\\u0000b\"")).refused("an escaped NUL in the comment", 422),
                createAs(Tokens.ALICE).json(create("\"hostile\u0000a\"")).refused("a raw NUL byte in the name", 400),
                createAs(Tokens.ALICE).json(create("\"hostile\u202Ea\"")).refused("a right-to-left override in the name", 422),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("Llama-3.1-8B-Instruct\"", "Llama\u202E-3.1\""))
                        .refused("a right-to-left override in the model name", 422),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("Llama-3.1-8B-Instruct\"", "Llama\u200B-3.1\""))
                        .refused("a zero-width space in the model name", 422),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("Llama-3.1-8B-Instruct\"", "\uFEFFLlama\""))
                        .refused("a byte order mark in the model name", 422),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"").replace("Llama-3.1-8B-Instruct\"", "Llama\u2028x\""))
                        .refused("a line separator in the model name", 422),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"", "\"a\\uD800b\"")).refused("a lone high surrogate in the comment", 422),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"", "\"a\\uDC00\"")).refused("a lone low surrogate in the comment", 422),
                createAs(Tokens.ALICE).json(create("\"hostile-a\"", "\"a\u0085b\"")).refused("a C1 control in the comment", 422),
                createAs(Tokens.ALICE).bytes("application/json", utf8WithBytes(create("\"hostile-a\"", "\"aXb\""), "c0af"))
                        .refused("an overlong UTF-8 '/' in the comment", 400),
                createAs(Tokens.ALICE).bytes("application/json", utf8WithBytes(create("\"hostile-a\"", "\"aXb\""), "eda080"))
                        .refused("a UTF-8 encoded surrogate in the comment", 400),
                Attack.to(Attack.Api.COMMAND, "PATCH", ENDPOINTS + "/" + ENDPOINT).token(Tokens.ALICE)
                        .bytes("application/merge-patch+json", utf8WithBytes("{\"comment\": \"aXb\"}", "c0ae"))
                        .refused("an overlong UTF-8 '.' in a merge patch", 400),
                createAs(Tokens.ALICE).bytes("application/json", utf8WithBytes(create("\"hostile-a\"", "\"aXb\""), "ff"))
                        .refused("a byte that is never UTF-8 in the comment", 400),
                createAs(Tokens.ALICE).bytes("application/json", utf8WithBytes(create("\"hostile-a\"", "\"aXb\""), "e282"))
                        .refused("a truncated UTF-8 sequence in the comment", 400));
    }

    /** The JSON in UTF-8, with its one {@code X} replaced by these bytes (hex), which need not be UTF-8. */
    private static byte[] utf8WithBytes(String json, String hex) {
        String[] around = json.split("X", 2);
        byte[] before = around[0].getBytes(StandardCharsets.UTF_8);
        byte[] inserted = HexFormat.of().parseHex(hex);
        byte[] after = around[1].getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[before.length + inserted.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(inserted, 0, all, before.length, inserted.length);
        System.arraycopy(after, 0, all, before.length + inserted.length, after.length);
        return all;
    }
}
