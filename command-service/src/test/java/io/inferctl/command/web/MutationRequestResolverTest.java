package io.inferctl.command.web;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.web.context.request.ServletWebRequest;

import java.lang.reflect.Method;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The resolver alone, on a servlet request built in memory: what each header becomes, and what is refused. */
class MutationRequestResolverTest {

    private final MutationRequestResolver resolver = new MutationRequestResolver();

    @SuppressWarnings("unused")
    void handler(@ConditionalOnVersion MutationRequest conditional, MutationRequest unconditional) {
    }

    @Test
    void resolvesTheCallerTheVersionAndTheKey() {
        MutationRequest resolved = resolve(conditional(), request("alice", "\"3\"", "retry-1"));

        assertThat(resolved).isEqualTo(new MutationRequest("alice", "\"3\"", 3, "retry-1", "PATCH", "/v1/endpoints/x"));
    }

    @Test
    void aWeakTagAndAnyVersionAreAccepted() {
        assertThat(resolve(conditional(), request("alice", "W/\"7\"", null)).expectedVersion()).isEqualTo(7);
        assertThat(resolve(conditional(), request("alice", "*", null)).expectedVersion()).isNull();
    }

    @Test
    void aRequestWithoutACallerIsRefusedAsUnauthenticated() {
        assertThatThrownBy(() -> resolve(conditional(), request(null, null, null)))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void aMissingCallerIsAnsweredAsSpringSecurityAnswersIt() {
        var handler = new ApiExceptionHandler(new WebProperties(DataSize.ofKilobytes(64), Duration.ofSeconds(10),
                "http://localhost/", Duration.ofSeconds(1)));

        var answer = handler.unauthenticated(new AuthenticationCredentialsNotFoundException("no caller"));

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "UNAUTHENTICATED");
    }

    @Test
    void aMalformedIfMatchIsRefusedNamingTheHeader() {
        assertThatThrownBy(() -> resolve(conditional(), request("alice", "3", null)))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("MALFORMED_REQUEST");
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("If-Match");
                        assertThat(v.reason()).startsWith("must be the quoted version you last saw");
                    });
                });
    }

    @Test
    void aVersionTooLongForAnIntegerIsRefusedNotOverflowed() {
        assertThatThrownBy(() -> resolve(conditional(), request("alice", "\"9999999999\"", null)))
                .isInstanceOf(RequestRejectedException.class);
    }

    @Test
    void aMalformedIdempotencyKeyIsRefusedNamingTheHeader() {
        for (String key : new String[]{"", "has space", "k".repeat(MutationRequestResolver.MAX_KEY_LENGTH + 1)}) {
            assertThatThrownBy(() -> resolve(unconditional(), request("alice", null, key)))
                    .as(key)
                    .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("Idempotency-Key");
                            assertThat(v.reason()).isEqualTo("must be 1 to 200 visible ASCII characters");
                        });
                    });
        }
    }

    @Test
    void aKeyOfTheLongestLengthIsAccepted() {
        String key = "k".repeat(MutationRequestResolver.MAX_KEY_LENGTH);
        assertThat(resolve(unconditional(), request("alice", null, key)).idempotencyKey()).isEqualTo(key);
    }

    @Test
    void ifMatchIsIgnoredWhereTheChangeCannotBeConditional() {
        MutationRequest resolved = resolve(unconditional(), request("worker", "not a tag", null));

        assertThat(resolved.ifMatch()).isNull();
        assertThat(resolved.expectedVersion()).isNull();
    }

    private MutationRequest resolve(MethodParameter parameter, MockHttpServletRequest request) {
        assertThat(resolver.supportsParameter(parameter)).isTrue();
        return resolver.resolveArgument(parameter, null, new ServletWebRequest(request), null);
    }

    private static MockHttpServletRequest request(String caller, String ifMatch, String key) {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/v1/endpoints/x");
        if (caller != null) {
            request.setUserPrincipal(new TestingAuthenticationToken(caller, null));
        }
        if (ifMatch != null) {
            request.addHeader("If-Match", ifMatch);
        }
        if (key != null) {
            request.addHeader("Idempotency-Key", key);
        }
        return request;
    }

    private static MethodParameter conditional() {
        return new MethodParameter(handler(), 0);
    }

    private static MethodParameter unconditional() {
        return new MethodParameter(handler(), 1);
    }

    private static Method handler() {
        try {
            return MutationRequestResolverTest.class.getDeclaredMethod("handler", MutationRequest.class,
                    MutationRequest.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
