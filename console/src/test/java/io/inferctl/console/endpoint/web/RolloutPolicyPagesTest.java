package io.inferctl.console.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.console.ConsoleClient;
import io.inferctl.console.api.ApiProblem;
import io.inferctl.console.api.ApiRefusal;
import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.api.ApiViews.InProgress;
import io.inferctl.console.api.ApiViews.MutationAnswer;
import io.inferctl.console.api.ApiViews.Page;
import io.inferctl.console.api.ApiViews.Standby;
import io.inferctl.console.api.ApiViews.Version;
import io.inferctl.console.api.CommandApi;
import io.inferctl.console.api.QueryApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * What the pages show of a version's rollout policy, its warm standby and a canary in progress, and
 * what Promote and Abort send, over real HTTP on the console's own Tomcat. The APIs are mocked at
 * their client: the browser tests (system-tests) show what the real ones answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=console")
class RolloutPolicyPagesTest {

    private static final String ID = "8d5b2c1e-4f7a-4c39-9e21-6a0b3d2f7c55";
    private static final String DEPLOYER = "dev-deployer-token";
    private static final String VIEWER = "dev-viewer-token";
    private static final Instant WARM_UNTIL = Instant.parse("2026-12-06T14:05:30Z");
    private static final Pattern PROMOTE_KEY = Pattern.compile("id=\"promote-canary\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern ABORT_KEY = Pattern.compile("id=\"abort-canary\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @MockitoBean
    QueryApi query;
    @MockitoBean
    CommandApi command;
    @Value("${local.server.port}")
    int port;

    private final ObjectMapper json = new ObjectMapper();
    private ConsoleClient browser;

    @BeforeEach
    void newBrowser() {
        browser = new ConsoleClient(port);
        when(command.mayChange(DEPLOYER)).thenReturn(true);
        when(command.mayChange(VIEWER)).thenReturn(false);
    }

    @Test
    void aCanaryStepShowsItsWeightAndOffersPromoteAndAbortToADeployer() throws Exception {
        inRollout("CANARY", 10);
        browser.signIn(DEPLOYER);

        String overview = browser.get("/endpoints/" + ID).body();

        assertThat(overview).contains("ROLLING_OUT</span><span> · CANARY 10%</span>");
        assertThat(overview).containsPattern("aria-current=\"step\"[^>]*>\\s*<span aria-hidden=\"true\">→</span>\\s*<span>CANARY 10%</span>");
        assertThat(overview).contains("id=\"promote-canary\"", "Promote to 100%", "id=\"abort-canary\"")
                .contains("formaction=\"/endpoints/" + ID + "/versions/4/canary/promote\"")
                .contains("formaction=\"/endpoints/" + ID + "/versions/4/canary/abort\"");
        assertThat(browser.get("/endpoints/" + ID + "/versions/4").body())
                .contains("CANARY 10%", "id=\"promote-canary\"", "id=\"abort-canary\"");
    }

    @Test
    void bakingOffersPromoteAndAbortAndIsAStepOfTheRollout() throws Exception {
        inRollout("BAKING", null);
        browser.signIn(DEPLOYER);

        String overview = browser.get("/endpoints/" + ID).body();

        assertThat(overview).contains("ROLLING_OUT</span><span> · BAKING</span>", "id=\"promote-canary\"", "id=\"abort-canary\"");
        assertThat(overview).containsPattern("aria-current=\"step\"[^>]*>\\s*<span aria-hidden=\"true\">→</span>\\s*<span>BAKING</span>");
    }

    @Test
    void noPromoteOrAbortOutsideACanaryOrBake() throws Exception {
        inRollout("SWITCHING_TRAFFIC", null);
        browser.signIn(DEPLOYER);

        String overview = browser.get("/endpoints/" + ID).body();

        assertThat(overview).contains("id=\"cancel-rollout\"").doesNotContain("promote-canary", "abort-canary");
    }

    @Test
    void aViewerSeesTheCanaryButNoPromoteOrAbort() throws Exception {
        inRollout("CANARY", 50);
        browser.signIn(VIEWER);

        String overview = browser.get("/endpoints/" + ID).body();

        assertThat(overview).contains("CANARY 50%").doesNotContain("promote-canary", "abort-canary");
    }

    @Test
    void promoteSendsTheCommentAndItsOwnKeyThenOpensTheOverviewAtTheAnswersSequence() throws Exception {
        inRollout("CANARY", 10);
        browser.signIn(DEPLOYER);
        String page = browser.get("/endpoints/" + ID).body();
        when(command.promoteCanary(eq(DEPLOYER), eq(ID), eq(4), anyString(), any())).thenReturn(answer(21));

        HttpResponse<String> promoted = browser.post("/endpoints/" + ID + "/versions/4/canary/promote",
                Map.of("_csrf", find(CSRF, page), "idempotencyKey", find(PROMOTE_KEY, page), "comment", " looks good "));

        assertThat(promoted.statusCode()).isEqualTo(302);
        assertThat(promoted.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/endpoints/" + ID + "?seq=21"));
        verify(command).promoteCanary(DEPLOYER, ID, 4, find(PROMOTE_KEY, page), "looks good");
        assertThat(find(PROMOTE_KEY, page)).as("promote and abort are two decisions").isNotEqualTo(find(ABORT_KEY, page));
    }

    @Test
    void abortWithoutACommentSendsNone() throws Exception {
        inRollout("BAKING", null);
        browser.signIn(DEPLOYER);
        String page = browser.get("/endpoints/" + ID).body();
        when(command.abortCanary(eq(DEPLOYER), eq(ID), eq(4), anyString(), isNull())).thenReturn(answer(22));

        HttpResponse<String> aborted = browser.post("/endpoints/" + ID + "/versions/4/canary/abort",
                Map.of("_csrf", find(CSRF, page), "idempotencyKey", find(ABORT_KEY, page), "comment", ""));

        assertThat(aborted.statusCode()).isEqualTo(302);
        verify(command).abortCanary(DEPLOYER, ID, 4, find(ABORT_KEY, page), null);
    }

    @Test
    void aRefusedPromoteShowsTheApisStatusAndReason() throws Exception {
        inRollout("CANARY", 10);
        browser.signIn(DEPLOYER);
        String page = browser.get("/endpoints/" + ID).body();
        when(command.promoteCanary(anyString(), anyString(), anyInt(), anyString(), any())).thenThrow(new ApiRefusal(
                new ApiProblem(409, "ROLLOUT_NOT_IN_CANARY", "Conflict", "v4 is no longer in a canary step or baking", null)));

        HttpResponse<String> refused = browser.post("/endpoints/" + ID + "/versions/4/canary/promote",
                Map.of("_csrf", find(CSRF, page), "idempotencyKey", find(PROMOTE_KEY, page)));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("v4 is no longer in a canary step or baking");
    }

    @Test
    void aWarmVersionSaysUntilWhenAndThatItsRollbackIsInstant() throws Exception {
        Version warm = version(2, "SUPERSEDED", null, null, new Standby(WARM_UNTIL, 1), "BLUE_GREEN");
        Version cold = version(1, "SUPERSEDED", null, null, null, "BLUE_GREEN");
        Version current = version(3, "CURRENT", null, null, null, "BLUE_GREEN");
        when(query.endpoint(eq(DEPLOYER), eq(ID), any())).thenReturn(endpoint(3, 3, null));
        when(query.versions(eq(DEPLOYER), eq(ID), any(), anyInt(), any()))
                .thenReturn(new Page<>(List.of(current, warm, cold), null));
        when(query.version(DEPLOYER, ID, 2)).thenReturn(warm);
        browser.signIn(DEPLOYER);

        String versions = browser.get("/endpoints/" + ID + "/versions").body();

        assertThat(versions).contains("id=\"warm-2\"", "warm until 14:05 UTC (1 replica)").doesNotContain("id=\"warm-1\"");
        assertThat(versions).containsPattern("id=\"rollback-2\"[^>]*>Rollback \\(instant: warm\\)</a>");
        assertThat(versions).containsPattern("id=\"rollback-1\"[^>]*>Rollback</a>");
        assertThat(browser.get("/endpoints/" + ID + "/versions/2").body())
                .contains("warm until 14:05 UTC (1 replica)", "Rollback to v2 (instant: warm)");
        when(command.previewRollBack(DEPLOYER, ID, 3, 2)).thenReturn(new MutationAnswer(ID, "llama-chat", 4, "PENDING", 20,
                true, "ROLLBACK", 2, 3, List.of(), true));
        assertThat(browser.get("/endpoints/" + ID + "/rollback?target=2").body())
                .contains("id=\"rollback-instant\"", "instant: warm", "v2 is still running");
        when(command.previewRollBack(DEPLOYER, ID, 3, 1)).thenReturn(new MutationAnswer(ID, "llama-chat", 4, "PENDING", 20,
                true, "ROLLBACK", 1, 3, List.of(), true));
        when(query.version(DEPLOYER, ID, 1)).thenReturn(cold);
        assertThat(browser.get("/endpoints/" + ID + "/rollback?target=1").body()).doesNotContain("rollback-instant");
    }

    @Test
    void aVersionShowsItsRolloutPolicyAsItsOwnGroup() throws Exception {
        Version current = version(3, "CURRENT", null, null, null, "CANARY");
        when(query.endpoint(eq(VIEWER), eq(ID), any())).thenReturn(endpoint(3, 3, null));
        when(query.version(VIEWER, ID, 3)).thenReturn(current);
        browser.signIn(VIEWER);

        String page = browser.get("/endpoints/" + ID + "/versions/3").body();

        assertThat(page).contains("<h3>Rollout policy</h3>");
        assertThat(page).containsPattern("id=\"setting-rollout-strategy\">\\s*<th scope=\"row\">Strategy</th>\\s*<td>\\s*<code class=\"value\">CANARY</code>");
        assertThat(page).containsPattern("id=\"setting-rollout-canarySteps\">[\\s\\S]*?<code class=\"value\">10%:5m,50%:5m</code>");
        assertThat(page).containsPattern("id=\"setting-rollout-warmStandbySeconds\">[\\s\\S]*?<code class=\"value\">1800</code>");
    }

    /** v3 serves; v4 rolls out under the canary strategy, in {@code phase}. */
    private void inRollout(String phase, Integer canaryPercent) {
        Version serving = version(3, "CURRENT", null, null, null, "BLUE_GREEN");
        Version rolling = version(4, "ROLLING_OUT", phase, canaryPercent, null, "CANARY");
        Endpoint endpoint = endpoint(3, 4, new InProgress(4, "ROLLING_OUT", phase, canaryPercent, false));
        for (String token : List.of(DEPLOYER, VIEWER)) {
            when(query.endpoint(eq(token), eq(ID), any())).thenReturn(endpoint);
            when(query.version(token, ID, 3)).thenReturn(serving);
            when(query.version(token, ID, 4)).thenReturn(rolling);
        }
    }

    private static Endpoint endpoint(int current, int latest, InProgress inProgress) {
        return new Endpoint(ID, "llama-chat", inProgress == null ? "SERVING" : "UPDATING", current, latest, inProgress,
                20, Instant.parse("2026-12-06T12:00:00Z"), Instant.parse("2026-12-06T13:00:00Z"), null);
    }

    private Version version(int n, String status, String phase, Integer canaryPercent, Standby standby, String strategy) {
        return new Version(ID, n, status, phase, "UPDATE", null, n - 1, "deployer@local",
                Instant.parse("2026-12-06T12:00:00Z"), null, config(strategy), List.of(), null, false, List.of(),
                standby, canaryPercent);
    }

    private JsonNode config(String strategy) {
        try {
            return json.readTree("""
                    {"model": {"name": "Llama-3.1-8B-Instruct", "source": "hf://meta-llama/Llama-3.1-8B-Instruct"},
                     "accelerator": {"type": "NVIDIA_H100", "count": 1},
                     "autoscaling": {"minReplicas": 1, "maxReplicas": 2, "cooldownSeconds": 300},
                     "engine": {"maxBatchSize": 64, "maxInputLength": 4096, "maxContextLength": 8192,
                                "tokenizerSkipSpecialTokens": true, "tokenizerAddSpecialTokens": false, "queueTimeoutMs": 30000},
                     "rollout": {"strategy": "%s", "canarySteps": %s, "bakeSeconds": 60, "warmStandbySeconds": 1800,
                                 "standbyReplicas": 1, "maxErrorRatePercent": 5, "maxP99LatencyMs": 0}}"""
                    .formatted(strategy, "CANARY".equals(strategy) ? "\"10%:5m,50%:5m\"" : "null"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MutationAnswer answer(long sequence) {
        return new MutationAnswer(ID, "llama-chat", 4, "ROLLING_OUT", sequence, true, null, null, null, List.of(), false);
    }

    private static String find(Pattern pattern, String page) {
        Matcher matcher = pattern.matcher(page);
        assertThat(matcher.find()).as("%s on the page", pattern).isTrue();
        return matcher.group(1);
    }
}
