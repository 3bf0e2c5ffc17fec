package io.inferctl.query.endtoend;

import io.inferctl.api.testing.RawHttp;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.inferctl.query.endtoend.CommandSide.accepted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's attacker, against both APIs over real HTTP with the real stores behind them: every
 * hostile request is refused with a 4xx (never a 500), as Problem Details, with the security headers,
 * and stores nothing on either side. The cases are tables: {@link CommandBodyAttacks},
 * {@link CommandRequestAttacks}, {@link QueryAttacks}; identity spoofing and formula injection, which
 * are accepted requests, are {@link SpoofedIdentityTest} and {@link FormulaInjectionTest}.
 */
class HostileRequestSuiteTest extends QueryServiceTest {

    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "x-content-type-options", "nosniff",
            "cache-control", "no-store",
            "content-security-policy", "default-src 'none'; frame-ancestors 'none'",
            "referrer-policy", "no-referrer",
            "x-frame-options", "DENY");

    /** An endpoint whose v0 is pending: every attack that names one names it, so a refusal is never a mere 404. */
    private static String target;

    static Stream<Attack> attacks() {
        return Stream.of(CommandBodyAttacks.all(), CommandRequestAttacks.all(), QueryAttacks.all().stream())
                .flatMap(s -> s);
    }

    @BeforeEach
    void target() {
        if (target == null) {
            Api.Response created = accepted(CommandSide.api().post("/v1/endpoints").as(Tokens.ALICE)
                    .json(CommandSide.createBody("target-" + UUID.randomUUID().toString().substring(0, 8))));
            String id = created.body().get("endpointId").asText();
            awaitProjected(id, created.body().get("sequence").asLong());
            target = id;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isRefusedWithAProblemAndStoresNothing(Attack attack) {
        Map<String, Long> before = Stored.counts(CommandSide.store(), jdbc);

        RawHttp.Answer answer = RawHttp.send(attack.api() == Attack.Api.COMMAND ? CommandSide.port() : port,
                attack.request(target));

        if (attack.status() == 0) {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
        } else {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(attack.status());
        }
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isNotBlank();
        assertThat(answer.json().path("status").asInt()).as(answer.toString()).isEqualTo(answer.status());
        assertThat(answer.headers()).as(answer.toString()).containsAllEntriesOf(SECURITY_HEADERS);
        assertThat(Stored.counts(CommandSide.store(), jdbc)).as("stored nothing").isEqualTo(before);
    }
}
