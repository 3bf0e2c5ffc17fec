package io.inferctl.command.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest extends CommandServiceTest {

    private static final int CALLERS = 20;

    @Test
    void ofTwentyParallelChangesFromTheSameVersionExactlyOneWins() throws Exception {
        String id = servingEndpoint(unique("race"));

        List<Api.Response> answers = inParallel(i -> api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(0)
                .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 100 + i)))).send());

        assertThat(answers).filteredOn(a -> a.status() == 202).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 202)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(409, 412));
        assertThat(events.createdVersions(id)).containsExactly(0, 1);
        assertSequencesAreGapless(id);
    }

    @Test
    void withoutIfMatchTheOneRolloutAtATimeRuleStillLetsExactlyOneWin() throws Exception {
        String id = servingEndpoint(unique("race-free"));

        List<Api.Response> answers = inParallel(i -> api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 200 + i)))).send());

        assertThat(answers).filteredOn(a -> a.status() == 202).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(CALLERS - 1);
        assertThat(events.createdVersions(id)).containsExactly(0, 1);
        assertSequencesAreGapless(id);
    }

    @Test
    void parallelCreatesWithOneNameMakeOneEndpoint() throws Exception {
        String name = unique("same-name");

        List<Api.Response> answers = inParallel(i -> api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(name)).send());

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409)
                .hasSize(CALLERS - 1)
                .allSatisfy(a -> assertThat(a.body().get("code").asText()).isEqualTo("NAME_TAKEN"));
    }

    private void assertSequencesAreGapless(String id) {
        assertThat(events.eventsOf(id)).extracting(e -> e.sequence())
                .containsExactlyElementsOf(IntStream.range(0, events.eventsOf(id).size()).mapToObj(Long::valueOf).toList());
    }

    private List<Api.Response> inParallel(java.util.function.IntFunction<Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = IntStream.range(0, CALLERS)
                    .mapToObj(i -> pool.submit((Callable<Api.Response>) () -> {
                        start.await();
                        return call.apply(i);
                    }))
                    .toList();
            start.countDown();
            List<Api.Response> answers = new java.util.ArrayList<>();
            for (Future<Api.Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
