package io.inferctl.query.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.config.ConfigField;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyset pages over one endpoint with 10,000 versions, projected from the topic like any other. */
class VersionPaginationTest extends QueryServiceTest {

    private static final int VERSIONS = 10_000;

    @Test
    void tenThousandVersionsComeBackEachExactlyOnceNewestFirstAcrossPages() {
        EndpointHistory history = EndpointHistory.of("many-versions").created();
        for (int v = 1; v < VERSIONS; v++) {
            history.updated(Map.of(ConfigField.ENGINE_MAX_BATCH_SIZE, v + 1), "step " + v);
        }
        publishAndAwait(history);

        List<Integer> seen = new ArrayList<>();
        long[] pageNanos = new long[VERSIONS / 100 + 1];
        int pages = 0;
        String cursor = null;
        do {
            long start = System.nanoTime();
            Api.Response page = api.get("/v1/endpoints/" + history.endpointId() + "/versions?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor)).as(Tokens.VIEWER).send();
            pageNanos[pages++] = System.nanoTime() - start;
            assertThat(page.status()).isEqualTo(200);
            page.body().get("items").forEach(item -> {
                seen.add(item.get("version").asInt());
                assertThat(item.get("config").get("engine").get("maxBatchSize").asInt())
                        .isEqualTo(item.get("version").asInt() + (item.get("version").asInt() == 0 ? 64 : 1));
            });
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, VERSIONS).map(v -> VERSIONS - 1 - v).boxed().toList());
        assertThat(pages).isEqualTo(VERSIONS / 100);
        long[] sorted = Arrays.copyOf(pageNanos, pages);
        Arrays.sort(sorted);
        System.out.printf("history page of 100 at %d versions over HTTP: p50 %.2f ms, p99 %.2f ms (%d pages)%n",
                VERSIONS, sorted[pages / 2] / 1e6, sorted[(int) Math.ceil(pages * 0.99) - 1] / 1e6, pages);
    }
}
