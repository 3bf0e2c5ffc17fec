package io.inferctl.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inferctl} end to end: its shaded jar run as a process against {@code bin/local-stack}
 * (the simulated cluster with {@code --fast}, so a rollout takes a moment), checked against the
 * query API itself. Each test works on an endpoint of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {

    private static final Duration STACK_START_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROLLOUT_FAILED = 10;
    private static final int STALE = 6;
    private static final int INVALID = 7;
    private static final int NOT_FOUND = 3;
    private static final int NOT_ALLOWED = 4;
    private static final int USAGE = 2;

    private LocalStack stack;
    private Path home;
    private CliProcess cli;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startStack() throws IOException {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        stack = LocalStack.start(root, STACK_START_TIMEOUT, List.of("--simulator-args", "--fast"));
        home = Files.createTempDirectory("inferctl-cli-home-");
        cli = CliProcess.of(root, home, Map.of("INFERCTL_STACK_ENV", stack.state().resolve("stack.env").toString()));
    }

    @AfterAll
    void stopStack() throws Exception {
        if (stack != null) {
            stack.stop(Duration.ofSeconds(60));
            stack.deleteState();
        }
        if (home != null) {
            try (var files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void loginSavesNamedContextsAndContextUseSwitchesBetweenThem() throws Exception {
        // A home of its own: the contexts saved here must not take over the other tests' calls.
        CliProcess noStack = cli.with("INFERCTL_STACK_ENV", home.resolve("none").toString())
                .with("HOME", Files.createTempDirectory(home, "login-").toString());
        String[] urls = {"--command-url", stack.get("COMMAND_URL"), "--query-url", stack.get("QUERY_URL"), "--token-stdin"};

        var refused = noStack.runWithInput("not-a-token\n", concat("login", "--context", "bad", urls));
        var viewer = noStack.runWithInput(stack.get("VIEWER_TOKEN") + "\n", concat("login", "--context", "viewer", urls));
        var deployer = noStack.runWithInput(stack.get("DEPLOYER_TOKEN") + "\n", concat("login", "--context", "deployer", urls));
        var listed = noStack.run("context", "list");
        var used = noStack.run("context", "use", "viewer");
        var viewerCannotCreate = noStack.run("apply", "-f", endpointFile("login-probe", 1).toString(), "--no-wait");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(NOT_ALLOWED);
        assertThat(refused.err().lines()).as(refused.toString()).hasSize(1);
        assertThat(viewer.exitCode()).as(viewer.toString()).isZero();
        assertThat(deployer.exitCode()).as(deployer.toString()).isZero();
        assertThat(listed.out()).doesNotContain("bad").containsPattern("\\*\\s+deployer").containsPattern("\\n\\s+viewer");
        assertThat(used.exitCode()).isZero();
        assertThat(noStack.run("context", "list").out()).containsPattern("\\*\\s+viewer");
        assertThat(viewerCannotCreate.exitCode()).as(viewerCannotCreate.toString()).isEqualTo(NOT_ALLOWED);
        assertThat(viewerCannotCreate.err()).contains("FORBIDDEN");
        assertThat(Files.readString(Path.of(noStack.home(), ".config/inferctl/config.yaml"))).contains("current-context: viewer");
    }

    @Test
    void applyCreatesV0ThenChangesNothingThenCreatesExactlyTheChangeItsDryRunShowed() throws Exception {
        Path file = endpointFile("cli-apply", 1);

        var created = cli.run("apply", "-f", file.toString(), "--wait");
        var again = cli.run("apply", "-f", file.toString(), "--wait");
        Files.writeString(file, Files.readString(file).replace("maxBatchSize: 64", "maxBatchSize: 128"));
        var dryRun = cli.run("apply", "-f", file.toString(), "--dry-run", "-o", "json");
        JsonNode afterDryRun = query("/v1/endpoints/" + id("cli-apply"));
        var applied = cli.run("apply", "-f", file.toString(), "--wait", "-m", "bigger batches", "-o", "json");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).contains("created cli-apply v0").contains("v0 CURRENT");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("nothing to change");
        JsonNode preview = JSON.readTree(dryRun.out());
        assertThat(preview.path("dryRun").asBoolean()).isTrue();
        assertThat(preview.path("version").asInt()).isEqualTo(1);
        assertThat(afterDryRun.path("latestVersion").asInt()).isZero();
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        List<JsonNode> documents = JSON.readerFor(JsonNode.class).<JsonNode>readValues(applied.out()).readAll();
        assertThat(documents).as("one JSON document on stdout, even after following the rollout").hasSize(1);
        assertThat(documents.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(documents.get(0).path("dryRun").asBoolean()).isFalse();
        JsonNode v1 = query("/v1/endpoints/" + id("cli-apply") + "/versions/1");
        assertThat(v1.path("status").asText()).isEqualTo("CURRENT");
        assertThat(v1.path("changes")).isEqualTo(preview.path("changes"));
        assertThat(v1.path("changes").toString()).isEqualTo("[{\"field\":\"engine.maxBatchSize\",\"from\":64,\"to\":128}]");
    }

    @Test
    void versionsVersionAndDiffShowWhatTheQueryApiSays() throws Exception {
        deployWithTwoVersions("cli-history");
        String id = id("cli-history");
        // The worker keeps the superseded v0 warm (the default policy) after its drain delay (30 s); the table shows it from then on.
        await("v0 kept warm").atMost(Duration.ofSeconds(90)).until(() ->
                query("/v1/endpoints/" + id + "/versions/0").path("standby").path("warmUntil").isTextual());

        var versions = cli.run("versions", "cli-history", "-o", "json");
        var version = cli.run("version", "cli-history", "1", "-o", "json");
        var diff = cli.run("diff", "cli-history", "0", "1", "-o", "json");
        var yaml = cli.run("version", "cli-history", "1", "-o", "yaml");
        var table = cli.run("versions", "cli-history");
        var detail = cli.run("version", "cli-history", "1");
        var warm = cli.run("version", "cli-history", "0");

        assertThat(JSON.readTree(versions.out()).path("items")).isEqualTo(query("/v1/endpoints/" + id + "/versions").path("items"));
        assertThat(JSON.readTree(version.out())).isEqualTo(query("/v1/endpoints/" + id + "/versions/1"));
        assertThat(JSON.readTree(diff.out())).isEqualTo(query("/v1/endpoints/" + id + "/diff?from=0&to=1"));
        assertThat(yaml.out()).contains("version: 1").contains("status: CURRENT");
        assertThat(table.out().lines().toList()).hasSize(3);
        assertThat(table.out().lines().findFirst()).hasValueSatisfying(header ->
                assertThat(header).containsPattern("VERSION\\s+STATUS\\s+WARM\\s+POLICY\\s+ORIGIN"));
        assertThat(table.out()).containsPattern("v1\\s+CURRENT\\s+-\\s+BLUE_GREEN\\s+UPDATE\\s+deployer@local")
                .containsPattern("v0\\s+SUPERSEDED\\s+until \\d\\d:\\d\\d UTC \\(1 replica\\)\\s+BLUE_GREEN\\s+CREATE");
        assertThat(detail.out()).containsPattern("\\*\\s+engine.maxBatchSize\\s+128\\s+was 64").contains("RolloutSucceeded")
                .contains("rollout policy: BLUE_GREEN, bake 0 s, warm standby 1800 s on 1 replica(s)")
                .containsPattern("rollout.strategy\\s+BLUE_GREEN").doesNotContain("warm until");
        assertThat(warm.out()).containsPattern("warm until \\d\\d:\\d\\d UTC \\(1 replica\\): a rollback to its settings switches traffic at once");
    }

    @Test
    void rollbackWaitsForTheRolloutAndExitsZeroWhenCurrent() throws Exception {
        deployWithTwoVersions("cli-rollback");

        var rollback = cli.run("rollback", "cli-rollback", "--to", "0", "-m", "back", "--wait");

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).contains("created cli-rollback v2 (ROLLBACK").contains("SWITCHING_TRAFFIC").contains("v2 CURRENT");
        JsonNode v2 = query("/v1/endpoints/" + id("cli-rollback") + "/versions/2");
        assertThat(v2.path("status").asText()).isEqualTo("CURRENT");
        assertThat(v2.path("rollbackOf").asInt()).isZero();
    }

    @Test
    void aRolloutThatCannotFitExitsWithTheFailureCodeAndSaysInsufficientGpu() throws Exception {
        deploy("cli-too-big");

        var result = cli.run("set", "cli-too-big", "accelerator.type=NVIDIA_B200", "accelerator.count=8",
                "autoscaling.minReplicas=8", "autoscaling.maxReplicas=8", "-m", "scale out", "--wait");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ROLLOUT_FAILED);
        assertThat(result.out()).contains("v1 FAILED: RESOURCES/INSUFFICIENT_GPU at preflight");
        assertThat(query("/v1/endpoints/" + id("cli-too-big")).path("currentVersion").asInt()).isZero();
    }

    @Test
    void theAuditCsvHasExactlyTheRowsTheFilterAsksFor() throws Exception {
        deployWithTwoVersions("cli-audit");

        var csv = cli.run("audit", "--endpoint", "cli-audit", "--action", "UPDATE", "-o", "csv");

        List<String> lines = csv.out().lines().toList();
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        assertThat(lines.get(0)).startsWith("id,occurredAt,actor,action,endpointId,endpointName,version");
        assertThat(lines.subList(1, lines.size())).hasSize(1)
                .allSatisfy(row -> assertThat(row).contains(",deployer@local,UPDATE," + id("cli-audit") + ",cli-audit,1,"));
        assertThat(query("/v1/audit?endpointId=" + id("cli-audit") + "&action=UPDATE").path("items")).hasSize(1);
    }

    @Test
    void aStaleChangeIsRefusedWithItsMessageAndCreatesNothing() throws Exception {
        deployWithTwoVersions("cli-stale");

        var stale = cli.run("set", "cli-stale", "engine.maxBatchSize=256", "--if-version", "0", "--no-wait");

        assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(STALE);
        assertThat(stale.err().lines()).hasSize(1);
        assertThat(stale.err()).contains("STALE_VERSION").contains("You last saw version 0").contains("run the command again");
        assertThat(query("/v1/endpoints/" + id("cli-stale")).path("latestVersion").asInt()).isEqualTo(1);
    }

    @Test
    void theSameChangeSentAgainOnTheSameVersionIsReplayedNotMadeTwice() throws Exception {
        deploy("cli-replay");

        var first = cli.run("set", "cli-replay", "engine.maxBatchSize=96", "--if-version", "0", "--no-wait", "-o", "json");
        var again = cli.run("set", "cli-replay", "engine.maxBatchSize=96", "--if-version", "0", "--no-wait", "-o", "json");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(JSON.readTree(again.out())).isEqualTo(JSON.readTree(first.out()));
        assertThat(JSON.readTree(first.out()).path("version").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(query("/v1/endpoints/" + id("cli-replay") + "/versions").path("items")).hasSize(2));
    }

    @Test
    void badArgumentsGetOneClearLineAndANonZeroCodeAndCreateNothing() throws Exception {
        deploy("cli-refusals");
        CliProcess noToken = cli.with("INFERCTL_STACK_ENV", home.resolve("none").toString())
                .with("HOME", Files.createTempDirectory(home, "no-token-").toString())
                .with("INFERCTL_COMMAND_URL", stack.get("COMMAND_URL")).with("INFERCTL_QUERY_URL", stack.get("QUERY_URL"));

        var unknownSetting = cli.run("set", "cli-refusals", "engine.temperature=0.7", "--no-wait");
        var outOfRange = cli.run("set", "cli-refusals", "engine.maxBatchSize=100000", "--no-wait");
        var unknownEndpoint = cli.run("set", "no-such-endpoint", "engine.maxBatchSize=128", "--no-wait");
        var notASetting = cli.run("set", "cli-refusals", "maxBatchSize=128", "--no-wait");
        var missingToken = noToken.run("set", "cli-refusals", "engine.maxBatchSize=128", "--no-wait");

        assertRefused(unknownSetting, INVALID, "config.engine.temperature");
        assertRefused(outOfRange, INVALID, "config.engine.maxBatchSize");
        assertRefused(unknownEndpoint, NOT_FOUND, "no endpoint 'no-such-endpoint'");
        assertRefused(notASetting, USAGE, "'maxBatchSize=128' is not group.setting=value");
        assertRefused(missingToken, NOT_ALLOWED, "no token");
        assertThat(query("/v1/endpoints/" + id("cli-refusals")).path("latestVersion").asInt()).isZero();
        assertThat(query("/v1/audit?endpointId=" + id("cli-refusals") + "&action=UPDATE").path("items")).isEmpty();
    }

    private static void assertRefused(CliProcess.Result result, int exitCode, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err().lines()).as(result.toString()).hasSize(1);
        assertThat(result.err()).startsWith("error: ").contains(message).doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
    }

    private void deploy(String name) throws Exception {
        var created = cli.run("apply", "-f", endpointFile(name, 1).toString(), "--wait");
        assertThat(created.exitCode()).as(created.toString()).isZero();
    }

    private void deployWithTwoVersions(String name) throws Exception {
        deploy(name);
        var changed = cli.run("set", name, "engine.maxBatchSize=128", "-m", "bigger batches", "--wait");
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
    }

    private Path endpointFile(String name, int gpus) throws IOException {
        Path file = home.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                comment: first deploy
                config:
                  model: {name: Llama-3.1-8B-Instruct, source: "hf://meta-llama/Llama-3.1-8B-Instruct"}
                  accelerator: {type: NVIDIA_H100, count: %d}
                  autoscaling: {minReplicas: 1, maxReplicas: 1}
                  engine: {maxBatchSize: 64}
                """.formatted(name, gpus));
        return file;
    }

    private String id(String name) throws Exception {
        for (JsonNode endpoint : query("/v1/endpoints?limit=100").path("items")) {
            if (endpoint.path("name").asText().equals(name)) {
                return endpoint.path("endpointId").asText();
            }
        }
        throw new AssertionError("no endpoint " + name + " in the query API");
    }

    private JsonNode query(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.get("QUERY_URL") + path))
                .header("Authorization", "Bearer " + stack.get("VIEWER_TOKEN")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String[] concat(String a, String b, String c, String[] rest) {
        String[] all = new String[rest.length + 3];
        all[0] = a;
        all[1] = b;
        all[2] = c;
        System.arraycopy(rest, 0, all, 3, rest.length);
        return all;
    }
}
