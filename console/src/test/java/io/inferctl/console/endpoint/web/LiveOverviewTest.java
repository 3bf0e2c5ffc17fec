package io.inferctl.console.endpoint.web;

import io.inferctl.console.ConsoleClient;
import io.inferctl.console.api.ApiUnreachable;
import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.api.CommandApi;
import io.inferctl.console.api.QueryApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

/**
 * The Overview's Server-Sent Events over real HTTP, with the query API mocked at its client so that
 * it can go down and come back (as a restarting query-service does) on cue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=console", "inferctl.console.live-interval=50ms"})
class LiveOverviewTest {

    private static final String ID = "0f268819-3ec5-4869-895e-a101496803ff";
    private static final long WAIT_SECONDS = 20;

    @MockitoBean
    QueryApi query;
    @MockitoBean
    CommandApi command;
    @Value("${local.server.port}")
    int port;

    @Test
    void whileTheQueryApiIsDownTheStreamSaysSoAndResumesOnTheSameConnectionOnceItIsBack() throws Exception {
        Endpoint serving = new Endpoint(ID, "llama-chat", "SERVING", null, null, null, 3, null, null, null);
        when(query.endpoint(eq("dev-viewer-token"), eq(ID), any()))
                .thenThrow(new ApiUnreachable("The query API", new ConnectException("Connection refused")))
                .thenThrow(new ApiUnreachable("The query API", new ConnectException("Connection refused")))
                .thenReturn(serving);
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("dev-viewer-token");

        HttpResponse<Stream<String>> stream = browser.lines("/endpoints/" + ID + "/live");

        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = stream.body().iterator();
        String notice = next(lines, "event:notice");
        assertThat(next(lines, "data:")).contains("not answering");
        assertThat(notice).isEqualTo("event:notice");
        next(lines, "event:overview");
        assertThat(next(lines, "data:")).contains("id=\"endpoint-status\"").contains("SERVING");
    }

    @Test
    void aStreamTheBrowserLeftStopsReadingTheQueryApi() throws Exception {
        String id = "5b0c6f3e-9d3a-4a52-8f0e-2f1c4a7d9e11";
        AtomicInteger reads = new AtomicInteger();
        Endpoint serving = new Endpoint(id, "llama-chat", "SERVING", null, null, null, 3, null, null, null);
        when(query.endpoint(eq("dev-viewer-token"), eq(id), any())).thenAnswer(call -> {
            reads.incrementAndGet();
            return serving;
        });
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("dev-viewer-token");
        HttpResponse<Stream<String>> stream = browser.lines("/endpoints/" + id + "/live");
        next(stream.body().iterator(), "event:overview");

        stream.body().close(); // as a browser does when it navigates away

        // Nothing changes on that Overview, so only the stream's own writes can notice the page is gone.
        AtomicInteger seen = new AtomicInteger(-1);
        await("no more reads for the page that was left").atMost(Duration.ofSeconds(WAIT_SECONDS))
                .during(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> reads.get() == seen.getAndSet(reads.get()));
    }

    /** The next line that starts with {@code prefix}, within a bound: a stream that stays silent fails the test. */
    private static String next(Iterator<String> lines, String prefix) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("the stream ended before a line starting with " + prefix);
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
