package io.inferctl.console.signin;

import io.inferctl.console.ConsoleClient;
import io.inferctl.console.api.ApiProblem;
import io.inferctl.console.api.ApiRefusal;
import io.inferctl.console.api.CommandApi;
import io.inferctl.console.api.QueryApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * Sign-in, the session cookie and the refusals the console makes itself, over real HTTP on the
 * console's own Tomcat. The APIs are mocked at their client: whether a token is known and what it
 * may do is theirs to say; the browser tests ask the real ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=console")
class ConsoleSessionTest {

    @MockitoBean
    QueryApi query;
    @MockitoBean
    CommandApi command;
    @Value("${local.server.port}")
    int port;

    private ConsoleClient browser;

    @org.junit.jupiter.api.BeforeEach
    void newBrowser() {
        browser = new ConsoleClient(port);
    }

    @Test
    void aPageBeforeSignInLeadsToTheSignInForm() throws Exception {
        HttpResponse<String> page = get("/endpoints");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in"));
    }

    @Test
    void signingInSetsANewHttpOnlyStrictSessionCookie() throws Exception {
        when(command.mayChange("dev-deployer-token")).thenReturn(true);
        String before = get("/sign-in").headers().firstValue("Set-Cookie").orElse("");

        HttpResponse<String> signedIn = post("/sign-in", Map.of("token", "dev-deployer-token", "_csrf", csrf("/sign-in")));

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/endpoints"));
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(cookie.split(";")[0]).as("a new session id after sign-in").isNotEqualTo(before.split(";")[0]);
    }

    @Test
    void aTokenTheApisDoNotKnowIsRefusedWithTheirReason() throws Exception {
        doThrow(new ApiRefusal(new ApiProblem(401, "UNAUTHENTICATED", "Unauthenticated", null, null)))
                .when(query).checkReadable("wrong");

        HttpResponse<String> refused = post("/sign-in", Map.of("token", "wrong", "_csrf", csrf("/sign-in")));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("The APIs do not know this token.");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
        csrf("/sign-in");

        HttpResponse<String> refused = post("/sign-in", Map.of("token", "dev-deployer-token"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This form expired or did not come from this console");
        verifyNoInteractions(query, command);
    }

    @Test
    void aViewersForgedChangeIsRefusedBeforeAnyApiIsCalled() throws Exception {
        when(command.mayChange("dev-viewer-token")).thenReturn(false);
        post("/sign-in", Map.of("token", "dev-viewer-token", "_csrf", csrf("/sign-in")));
        String csrf = csrf("/sign-in");
        clearInvocations(query, command);

        HttpResponse<String> forged = post("/endpoints/some-id/rollback", Map.of("_csrf", csrf,
                "target", "0", "expectedVersion", "1", "idempotencyKey", "k"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("may read endpoints but not change them");
        verifyNoInteractions(query, command);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        when(command.mayChange("dev-deployer-token")).thenReturn(true);
        post("/sign-in", Map.of("token", "dev-deployer-token", "_csrf", csrf("/sign-in")));

        HttpResponse<String> out = post("/sign-out", Map.of("_csrf", csrf("/sign-in")));

        assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in?signedOut"));
        assertThat(get("/endpoints").statusCode()).isEqualTo(302);
    }

    private String csrf(String path) throws Exception {
        return browser.csrf(path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.get(path);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return browser.post(path, form);
    }
}
