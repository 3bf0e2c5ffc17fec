package io.inferctl.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The figures of issue 12, on the real local stack with the simulated cluster's start-up delays at
 * zero, in Debian's headless Chromium: how long a rollback takes from the click that confirms it to
 * the new version shown serving on the page (live, no reload), beside the same rollback through the
 * APIs alone; the page weight of a first visit to the Versions tab of an endpoint with 100 versions;
 * the console's resident memory afterwards. Prints figures; asserts only that each step did what it
 * should, never a time (the machine is shared). Run with
 * {@code ./mvnw -B -o -pl system-tests -am verify -Dbenchmark=true -Dtest=ConsoleBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dbenchmark.rounds} and {@code -Dbenchmark.warmup} change the number of rounds.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBenchmarkTest {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 20);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmup", 3);
    private static final int VERSIONS = 100;
    private static final Duration ROLLOUT = Duration.ofSeconds(60);
    /** The API's figure is read at this resolution; the page's is timed by the page itself, to the millisecond. */
    private static final Duration API_POLL = Duration.ofMillis(10);
    private static final String PATCH = "application/merge-patch+json";
    // Every rollout's old Deployment drains for 30 s while the next rounds run: room for all of them.
    private static final String SIMULATOR = "--fast --shape 64xNVIDIA_H100:8";

    private static final String LANDED = "response";

    private final Map<String, Latencies> landing = new LinkedHashMap<>();
    private Latencies console = new Latencies();
    private LocalStack stack;
    private StackApi api;
    private Browser browser;
    private String endpointId;
    private int latest;

    @BeforeAll
    void startStackAndBrowser() throws Exception {
        assumeTrue(Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        stack = LocalStack.start(root, Duration.ofMinutes(4), List.of("--simulator-args", SIMULATOR));
        api = new StackApi(stack);
        browser = new Browser(stack.get("CONSOLE_URL"), List.of());
        browser.recordFirstTexts("serving-version");
        browser.open("/sign-in");
        browser.fill("#token", stack.get("DEPLOYER_TOKEN"));
        browser.click("#sign-in");
        browser.awaitPath("/endpoints");

        JsonNode created = api.change("POST", "/v1/endpoints", "application/json", """
                {"name": "bench-console", "comment": "benchmark",
                 "config": {"model": {"name": "Llama-3.1-8B-Instruct", "source": "hf://meta-llama/Llama-3.1-8B-Instruct"},
                            "accelerator": {"type": "NVIDIA_H100", "count": 1},
                            "autoscaling": {"minReplicas": 1, "maxReplicas": 1}}}""");
        endpointId = created.path("endpointId").asText();
        awaitCurrent(0);
        update(1);
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
    void rollbackFromClickToCurrentOnThePageBesideTheApisOwnFigure() throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            rollBackInTheConsole();
            rollBackThroughTheApi();
        }
        console = new Latencies();
        landing.clear();
        Latencies apiAlone = new Latencies();
        // Alternating, so both meet the same machine: the same JIT state, the same neighbours.
        for (int i = 0; i < ROUNDS; i++) {
            rollBackInTheConsole();
            apiAlone.add(rollBackThroughTheApi());
        }
        System.out.printf("BENCH rollback, click on the confirmation to v(N+1) CURRENT on the live Overview: %s%n", console);
        System.out.printf("BENCH rollback, POST to the command API to CURRENT on the query API (polled every %d ms): %s%n",
                API_POLL.toMillis(), apiAlone);
        System.out.printf("BENCH the console adds p50 %.0f ms%n", console.percentile(50) - apiAlone.percentile(50));
        for (String milestone : List.of(LANDED, "@domReady", "@sseOpen", "@sseFirstMessage")) {
            System.out.printf("BENCH   of which, from the click to the Overview's %s: %s%n", milestone, landing.get(milestone));
        }
    }

    @Test
    @Order(2)
    void versionsTabOfAHundredVersionsOnAFirstVisit() throws Exception {
        while (latest < VERSIONS - 1) {
            update(latest + 1);
        }
        browser.clearCache();
        browser.open("/endpoints/" + endpointId + "/versions");
        assertThat(browser.present("#version-" + (VERSIONS - 1))).as("the newest of %d versions is listed", VERSIONS).isTrue();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> loads = (List<Map<String, Object>>) browser.script("""
                return [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
                  .map(e => ({name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize}));
                """);
        long total = 0;
        for (Map<String, Object> load : loads) {
            long transfer = ((Number) load.get("transfer")).longValue();
            assertThat(transfer).as("%s came over the network, not from a cache", load.get("name")).isPositive();
            total += transfer;
            System.out.printf("BENCH versions tab load %s: %,d bytes transferred (body %,d encoded, %,d decoded)%n",
                    load.get("name").toString().replace(stack.get("CONSOLE_URL"), ""), transfer,
                    ((Number) load.get("encoded")).longValue(), ((Number) load.get("decoded")).longValue());
        }
        System.out.printf("BENCH versions tab of %d versions, first visit: %,d bytes transferred in %d responses%n",
                VERSIONS, total, loads.size());
    }

    @Test
    @Order(3)
    void consoleResidentMemoryAfterTheJourney() throws Exception {
        ProcessHandle console = stack.javaProcess("console-");
        List<String> status = Files.readAllLines(Path.of("/proc", String.valueOf(console.pid()), "status"));
        String rss = status.stream().filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
        String peak = status.stream().filter(l -> l.startsWith("VmHWM:")).findFirst().orElseThrow();
        System.out.printf("BENCH console resident memory: %s (peak %s), JVM: %s%n",
                rss.replaceAll("VmRSS:\\s+", ""), peak.replaceAll("VmHWM:\\s+", ""),
                console.info().commandLine().orElse("?"));
    }

    /**
     * Versions tab, Rollback on the version before the latest, confirm; timed from the confirming click,
     * with the milestones of the Overview it lands on.
     */
    private void rollBackInTheConsole() throws Exception {
        int target = latest - 1;
        int next = latest + 1;
        browser.open("/endpoints/" + endpointId + "/versions");
        browser.click("#rollback-" + target);
        browser.awaitText("#rollback-summary", "creates v" + next);
        long clicked = System.currentTimeMillis();
        browser.find("#confirm-rollback").click();
        AtomicLong shown = new AtomicLong();
        await("v" + next + " shown serving").atMost(ROLLOUT).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> {
                    Long at = browser.firstSeen("v" + next);
                    shown.set(at == null ? 0 : at);
                    return at != null;
                });
        latest = next;
        console.add(shown.get() - clicked);
        landing.computeIfAbsent(LANDED, k -> new Latencies()).add(browser.responseEnd() - clicked);
        for (String milestone : List.of("@domReady", "@sseOpen", "@sseFirstMessage")) {
            Long at = browser.firstSeen(milestone);
            if (at != null) {
                landing.computeIfAbsent(milestone, k -> new Latencies()).add(at - clicked);
            }
        }
    }

    private double rollBackThroughTheApi() throws Exception {
        int next = latest + 1;
        long start = System.nanoTime();
        api.change("POST", "/v1/endpoints/" + endpointId + "/rollback", "application/json",
                "{\"targetVersion\": " + (latest - 1) + ", \"comment\": \"benchmark\"}");
        double millis = awaitCurrent(next, start);
        latest = next;
        return millis;
    }

    private void update(int next) throws Exception {
        api.change("PATCH", "/v1/endpoints/" + endpointId, PATCH,
                "{\"config\": {\"engine\": {\"maxBatchSize\": " + (64 + next) + "}}, \"comment\": \"v" + next + "\"}");
        awaitCurrent(next);
        latest = next;
    }

    private void awaitCurrent(int version) throws Exception {
        awaitCurrent(version, System.nanoTime());
    }

    /** Milliseconds from {@code start} to the answer of the query API that showed {@code version} CURRENT. */
    private double awaitCurrent(int version, long start) {
        AtomicLong seen = new AtomicLong();
        await("v" + version + " CURRENT").atMost(ROLLOUT).pollDelay(Duration.ZERO).pollInterval(API_POLL)
                .until(() -> {
                    boolean current = api.currentVersion(endpointId) == version;
                    seen.set(System.nanoTime());
                    return current;
                });
        return (seen.get() - start) / 1e6;
    }
}
