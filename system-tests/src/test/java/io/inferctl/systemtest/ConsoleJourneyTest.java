package io.inferctl.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Cookie;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium against the real local stack: one endpoint's life,
 * step by step, as a deployer and then a viewer would click through it. The steps build on each
 * other (v0, v1, ...), so they run in order. Screenshots of each main page go to
 * {@code target/console-screenshots}, and also to {@code -Dconsole.screenshots=DIR} (the README's
 * {@code docs/console}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleJourneyTest {

    private static final Duration STACK_START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration ROLLOUT = Duration.ofSeconds(90);
    private static final String NAME = "console-llama";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private Browser browser;
    private String endpointId;

    @BeforeAll
    void startStackAndBrowser() throws Exception {
        assumeTrue(Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        stack = LocalStack.start(root, STACK_START_TIMEOUT);
        List<Path> screenshots = new ArrayList<>(List.of(root.resolve("system-tests/target/console-screenshots")));
        String extra = System.getProperty("console.screenshots", "");
        if (!extra.isBlank()) {
            screenshots.add(root.resolve(extra));
        }
        browser = new Browser(stack.get("CONSOLE_URL"), screenshots);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.stop(Duration.ofSeconds(60));
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aPastedTokenSignsInWithAnHttpOnlyStrictSessionAndAnUnknownOneIsRefused() throws Exception {
        browser.open("/endpoints");
        assertThat(browser.path()).startsWith("/sign-in");
        browser.fill("#token", "not-a-token");
        browser.click("#sign-in");
        browser.awaitText("#token-error", "do not know this token");

        signIn(stack.get("DEPLOYER_TOKEN"));

        browser.awaitText("#role", "deployer");
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
    }

    @Test
    @Order(2)
    void badInputShowsTheApisReasonNextToEachFieldAndCreatesNothing() throws Exception {
        browser.open("/endpoints/new");
        fillCreateForm("Llama_Chat");
        browser.fill("#engine-maxBatchSize", "99999");
        // The form offers only the catalog; a forged option stands for a client that sends another type.
        browser.script("const o = new Option('NVIDIA_T4', 'NVIDIA_T4', true, true); document.getElementById('accelerator-type').add(o);");
        browser.click("#create");

        browser.awaitPresent("#name-error");
        assertThat(browser.text("#name-error")).contains("DNS label");
        assertThat(browser.text("#engine-maxBatchSize-error")).contains("4096");
        assertThat(browser.text("#accelerator-type-error")).contains("must be one of");
        browser.screenshot("create-form-refused");
        assertThat(query("/v1/endpoints?limit=100").path("items")).isEmpty();
    }

    @Test
    @Order(3)
    void aCreatedEndpointsV0GoesCurrentOnTheOverviewWithoutAReload() throws Exception {
        browser.open("/endpoints/new");
        fillCreateForm(NAME);
        browser.fill("#comment", "first deploy");
        browser.screenshot("create-form");
        browser.click("#create");

        browser.awaitPresent("#live-overview");
        assertThat(browser.text("#endpoint-name")).isEqualTo(NAME);
        endpointId = browser.path().replaceAll("^/endpoints/([^?/]+).*$", "$1");
        browser.markPage();
        browser.awaitText("#rollout-status", "ROLLING_OUT");
        browser.screenshot("overview-rolling-out");
        browser.awaitText("#current-status", "CURRENT");
        assertThat(browser.text("#serving-version")).isEqualTo("v0");
        assertThat(browser.pageMarked()).as("the Overview updated itself, without a reload").isTrue();
        browser.screenshot("overview");

        browser.open("/endpoints");
        assertThat(browser.text("#endpoints")).contains(NAME, "SERVING", "Llama-3.1-8B-Instruct", "NVIDIA_H100");
        browser.screenshot("endpoints");
    }

    @Test
    @Order(4)
    void anUpdatePreviewsItsChangesAndViewConfigsBadgesExactlyTheChangedSettings() throws Exception {
        browser.open("/endpoints/" + endpointId + "/update");
        // The preview is the command API's dry run: a rule it breaks is refused before anything is offered.
        browser.fill("#autoscaling-maxReplicas", "999");
        browser.click("#preview-button");
        browser.awaitPresent("#autoscaling-maxReplicas-error");
        assertThat(browser.text("#autoscaling-maxReplicas-error")).contains("must be between 1 and");
        assertThat(browser.present("#submit-update")).isFalse();
        browser.fill("#autoscaling-maxReplicas", "2");
        // The rollout policy is a settings group of its own, refused beside its field like any other (a
        // value of the wrong type is refused before any range, so on its own preview).
        assertThat(browser.all("#rollout-strategy option")).extracting(option -> option.getAttribute("value"))
                .containsExactly("BLUE_GREEN", "CANARY");
        browser.fill("#rollout-bakeSeconds", "soon");
        browser.click("#preview-button");
        browser.awaitPresent("#rollout-bakeSeconds-error");
        assertThat(browser.present("#submit-update")).isFalse();
        browser.screenshot("update-refused-policy");
        browser.fill("#rollout-bakeSeconds", "0");
        browser.select("#accelerator-count", "2");
        browser.fill("#engine-maxBatchSize", "128");
        browser.fill("#comment", "two GPUs, bigger batches");
        browser.click("#preview-button");

        browser.awaitText("#preview-title", "creates v1 with 2 changed setting(s)");
        assertThat(browser.all("#preview-changes li")).hasSize(2);
        assertThat(browser.text("#preview-accelerator-count")).contains("1", "2");
        browser.screenshot("update-preview");
        browser.click("#submit-update");
        browser.awaitText("#serving-version", "v1");

        browser.open("/endpoints/" + endpointId + "/versions/1");
        assertThat(browser.all("#config tr.changed")).extracting(row -> row.getAttribute("id"))
                .containsExactlyInAnyOrder("setting-accelerator-count", "setting-engine-maxBatchSize");
        assertThat(browser.text("#setting-engine-maxBatchSize")).contains("128", "was 64");
        assertThat(browser.text("#config")).contains("Rollout policy");
        assertThat(browser.text("#setting-rollout-strategy")).contains("BLUE_GREEN");
        assertThat(browser.text("#setting-rollout-warmStandbySeconds")).contains("1800");
        browser.screenshot("view-configs");
    }

    @Test
    @Order(5)
    void comparingTwoVersionsShowsBothValuesOfEachSettingThatDiffers() throws Exception {
        browser.open("/endpoints/" + endpointId + "/compare?from=0&to=1");

        assertThat(browser.text("#diff-summary")).contains("2 setting(s) differ between v0 and v1");
        assertThat(browser.all("#comparison tr.changed")).hasSize(2);
        assertThat(browser.text("#compare-accelerator-count")).contains("1", "2");
        browser.screenshot("compare");
    }

    @Test
    @Order(6)
    void anUpdateTheClusterCannotFitFailsWithInsufficientGpuWhileTheServingVersionStays() throws Exception {
        browser.open("/endpoints/" + endpointId + "/update");
        browser.select("#accelerator-type", "NVIDIA_B200");
        browser.select("#accelerator-count", "8");
        browser.fill("#autoscaling-minReplicas", "8");
        browser.fill("#autoscaling-maxReplicas", "8");
        browser.fill("#comment", "scale out on B200");
        browser.click("#preview-button");
        browser.click("#submit-update");

        browser.awaitText("#latest-failure", "INSUFFICIENT_GPU");
        assertThat(browser.text("#latest-failure")).contains("v1 keeps serving");
        assertThat(browser.text("#serving-version")).isEqualTo("v1");
        browser.screenshot("overview-failed-update");

        browser.open("/endpoints/" + endpointId + "/versions/2");
        assertThat(browser.text("#failure-code")).isEqualTo("INSUFFICIENT_GPU");
        assertThat(browser.text("#timeline")).contains("RolloutFailed");
        browser.screenshot("failed-version");
    }

    @Test
    @Order(7)
    void rollbackFromTheVersionsTabNamesTheNewVersionAndItBecomesCurrent() throws Exception {
        browser.open("/endpoints/" + endpointId + "/versions");
        assertThat(browser.present("#rollback-1")).as("v1 is CURRENT: nothing to roll back to").isFalse();
        assertThat(browser.present("#rollback-2")).as("v2 never served").isFalse();
        assertThat(browser.text("#version-2 .status")).contains("FAILED", "INSUFFICIENT_GPU");
        assertThat(browser.text("#version-1 .origin")).isEqualTo("UPDATE");
        // v0 was superseded by v1 and is kept warm by the default policy: its rollback switches traffic at once.
        await("v0 kept warm").atMost(ROLLOUT).until(() ->
                query("/v1/endpoints/" + endpointId + "/versions/0").path("standby").path("warmUntil").isTextual());
        browser.open("/endpoints/" + endpointId + "/versions");
        assertThat(browser.text("#warm-0")).matches("♨? ?warm until \\d\\d:\\d\\d UTC \\(1 replica\\)");
        assertThat(browser.text("#rollback-0")).isEqualTo("Rollback (instant: warm)");
        assertThat(browser.present("#warm-2")).as("v2 never served").isFalse();
        browser.screenshot("versions");
        browser.click("#rollback-0");

        browser.awaitText("#rollback-summary", "creates v3 with the settings of v0");
        assertThat(browser.text("#rollback-instant")).contains("instant: warm", "v0 is still running");
        assertThat(browser.text("#rollback-changes")).contains("accelerator.type", "accelerator.count");
        browser.fill("#comment", "back to one H100");
        browser.screenshot("rollback-confirmation");
        browser.click("#confirm-rollback");

        browser.awaitPresent("#live-overview");
        browser.markPage();
        browser.awaitText("#serving-version", "v3");
        assertThat(browser.pageMarked()).isTrue();
        browser.open("/endpoints/" + endpointId + "/versions");
        assertThat(browser.text("#version-3 .origin")).isEqualTo("ROLLBACK from v0");
        assertThat(browser.text("#version-3 .status")).contains("CURRENT");
    }

    @Test
    @Order(8)
    void aDoubleSubmittedUpdateCreatesOneVersion() throws Exception {
        browser.open("/endpoints/" + endpointId + "/update");
        browser.fill("#engine-maxBatchSize", "256");
        browser.click("#preview-button");
        browser.awaitPresent("#submit-update");
        Map<String, String> form = submittedForm("#update-form");
        form.put("action", "submit");

        Map<String, Object> first = browser.fetch("POST", "/endpoints/" + endpointId + "/update", form);
        Map<String, Object> second = browser.fetch("POST", "/endpoints/" + endpointId + "/update", form);

        // Each lands on the Overview of the version it made, read at the sequence the change answered with.
        assertThat(first.get("status")).isEqualTo(200L);
        assertThat(second.get("status")).as("the repeat is answered as the first, not refused").isEqualTo(200L);
        String landing = (String) first.get("url");
        assertThat(landing).contains("/endpoints/" + endpointId + "?seq=");
        assertThat(second.get("url")).as("the same change, at the same sequence").isEqualTo(landing);
        String sequence = landing.substring(landing.indexOf("?seq=") + "?seq=".length());
        assertThat(query("/v1/endpoints/" + endpointId + "?minSequence=" + sequence).path("latestVersion").asInt())
                .isEqualTo(4);
    }

    @Test
    @Order(9)
    void cancellingTheRolloutInProgressEndsItCancelled() throws Exception {
        browser.open("/endpoints/" + endpointId);
        browser.click("#cancel-rollout");

        browser.awaitText("#latest-version", "v4");
        await("v4 CANCELLED").atMost(ROLLOUT).until(() -> "CANCELLED".equals(
                query("/v1/endpoints/" + endpointId + "/versions/4").path("status").asText()));
        browser.open("/endpoints/" + endpointId + "/versions");
        assertThat(browser.text("#version-4 .status")).contains("CANCELLED");
        assertThat(browser.text("#version-3 .status")).contains("CURRENT");
    }

    @Test
    @Order(10)
    void anUpdateFromAStalePageIsRefusedAsMovedOnAtPreviewAndCreatesNothing() throws Exception {
        browser.open("/endpoints/" + endpointId + "/update");
        api("PATCH", "/v1/endpoints/" + endpointId, "{\"config\": {\"engine\": {\"maxBatchSize\": 512}}}");
        await("v5 CURRENT").atMost(ROLLOUT).until(() -> "CURRENT".equals(
                query("/v1/endpoints/" + endpointId + "/versions/5").path("status").asText()));

        browser.fill("#engine-queueTimeoutMs", "1000");
        browser.click("#preview-button");

        // The preview asks the command API with the page's If-Match: the stale page learns it before submitting.
        browser.awaitPresent("#form-problem");
        assertThat(browser.text("#form-problem")).contains("This endpoint moved on", "v4", "v5");
        assertThat(browser.present("#submit-update")).as("the stale preview is not offered again").isFalse();
        assertThat(browser.text("#start-over")).isEqualTo("Start again from v5");
        browser.screenshot("stale-update");
        assertThat(query("/v1/endpoints/" + endpointId).path("latestVersion").asInt()).isEqualTo(5);
    }

    @Test
    @Order(11)
    void theAuditPageFiltersAndItsCsvExportHoldsTheFilteredRows() throws Exception {
        browser.open("/audit?endpointId=" + endpointId + "&action=UPDATE");
        assertThat(browser.all("#audit .audit-row")).hasSize(4); // v1, v2, v4, v5
        browser.screenshot("audit");

        String href = browser.find("#export-csv").getAttribute("href");
        Object csv = browser.asyncScript("fetch(arguments[0]).then(r => r.text()).then(arguments[1]);", href);
        List<String> lines = ((String) csv).lines().toList();
        assertThat(lines.get(0)).startsWith("id,occurredAt,actor,action");
        assertThat(lines.subList(1, lines.size())).hasSize(4).allSatisfy(line -> assertThat(line).contains(",UPDATE,"));
    }

    @Test
    @Order(12)
    void aViewerSeesNoChangeButtonsAndAForgedPostIsRefused() throws Exception {
        browser.click("#sign-out");
        browser.awaitPresent("#signed-out");
        signIn(stack.get("VIEWER_TOKEN"));
        browser.awaitText("#role", "viewer");

        browser.open("/endpoints/" + endpointId + "/versions");
        assertThat(browser.all("a[id^=rollback-]")).isEmpty();
        browser.open("/endpoints/" + endpointId);
        assertThat(browser.present("#update")).isFalse();
        browser.open("/endpoints");
        assertThat(browser.present("#new-endpoint")).isFalse();

        String csrf = (String) browser.script("return document.querySelector('input[name=_csrf]').value;");
        Map<String, Object> forged = browser.fetch("POST", "/endpoints/" + endpointId + "/rollback", Map.of(
                "_csrf", csrf, "target", "0", "expectedVersion", "5", "idempotencyKey", "forged"));
        assertThat(forged.get("status")).isEqualTo(403L);
        assertThat(query("/v1/endpoints/" + endpointId).path("latestVersion").asInt()).isEqualTo(5);

        browser.resize(Browser.PHONE);
        browser.open("/endpoints/" + endpointId + "/versions");
        browser.screenshot("versions-phone");
        browser.resize(Browser.DESKTOP);
    }

    private void signIn(String token) {
        browser.open("/sign-in");
        browser.fill("#token", token);
        browser.click("#sign-in");
        browser.awaitPath("/endpoints");
    }

    private void fillCreateForm(String name) {
        browser.fill("#name", name);
        browser.fill("#model-name", "Llama-3.1-8B-Instruct");
        browser.fill("#model-source", "hf://meta-llama/Llama-3.1-8B-Instruct");
        browser.select("#accelerator-type", "NVIDIA_H100");
        browser.select("#accelerator-count", "1");
        browser.fill("#autoscaling-minReplicas", "1");
        browser.fill("#autoscaling-maxReplicas", "2");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> submittedForm(String css) {
        return new java.util.HashMap<>((Map<String, String>) browser.script(
                "return Object.fromEntries(new FormData(document.querySelector(arguments[0])));", css));
    }

    private JsonNode query(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.get("QUERY_URL") + path))
                .header("Authorization", "Bearer " + stack.get("VIEWER_TOKEN")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void api(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.get("COMMAND_URL") + path))
                .header("Authorization", "Bearer " + stack.get("DEPLOYER_TOKEN"))
                .header("Content-Type", "application/merge-patch+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
    }
}
