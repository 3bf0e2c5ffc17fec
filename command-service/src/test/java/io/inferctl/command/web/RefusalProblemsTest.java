package io.inferctl.command.web;

import io.inferctl.command.endpoint.RefusalCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new {@link RefusalCode} without a status, title or field does not compile: the switches in
 * {@link RefusalProblems} have no default. These tests hold what the compiler cannot: that every
 * mapping is a client error with words a person can read.
 */
class RefusalProblemsTest {

    @ParameterizedTest
    @EnumSource(RefusalCode.class)
    void everyRefusalIsAClientErrorWithATitle(RefusalCode code) {
        assertThat(RefusalProblems.status(code).is4xxClientError()).as(code.name()).isTrue();
        assertThat(RefusalProblems.title(code)).as(code.name()).isNotBlank();
        RefusalProblems.field(code).ifPresent(field -> assertThat(field).as(code.name()).isNotBlank());
    }

    @Test
    void aStaleVersionIsAFailedPreconditionOnIfMatch() {
        assertThat(RefusalProblems.status(RefusalCode.STALE_VERSION).value()).isEqualTo(412);
        assertThat(RefusalProblems.field(RefusalCode.STALE_VERSION)).contains("If-Match");
    }

    @Test
    void theEndpointsOwnStateNamesNoField() {
        assertThat(RefusalProblems.field(RefusalCode.ROLLOUT_IN_PROGRESS)).isEmpty();
        assertThat(RefusalProblems.field(RefusalCode.ENDPOINT_DELETED)).isEmpty();
    }
}
