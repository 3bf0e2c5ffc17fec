package io.inferctl.console.endpoint.web;

import io.inferctl.console.ConsoleProperties;
import io.inferctl.console.api.ApiRefusal;
import io.inferctl.console.api.ApiUnreachable;
import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.endpoint.Overview;
import io.inferctl.console.endpoint.OverviewReader;
import io.inferctl.console.endpoint.Setting;
import io.inferctl.console.signin.ConsoleUser;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Overview, live: a Server-Sent Events stream that sends the Overview's HTML again whenever the
 * query side shows it changed. The console reads the query API for each open page (the query API
 * has no stream of its own), every {@code live-rollout-interval} while a rollout is in progress (so
 * the moment a version goes CURRENT shows at once) and every {@code live-interval} otherwise; when the query API is down the page says so and updates again once it
 * is back, without the browser reconnecting. The browser (htmx's SSE extension) reconnects should
 * this stream end.
 */
@Controller
class LiveOverview {

    static final String EVENT = "overview";
    private static final String QUERY_DOWN = "query-down";

    private final OverviewReader overviews;
    private final TemplateEngine templates;
    private final ConsoleProperties properties;
    private final ScheduledExecutorService readers;

    LiveOverview(OverviewReader overviews, TemplateEngine templates, ConsoleProperties properties) {
        this.overviews = overviews;
        this.templates = templates;
        this.properties = properties;
        this.readers = Executors.newScheduledThreadPool(properties.liveThreads(), r -> {
            Thread thread = new Thread(r, "live-overview");
            thread.setDaemon(true);
            return thread;
        });
    }

    @GetMapping(path = "/endpoints/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, HttpServletRequest request) {
        SseEmitter emitter = new SseEmitter(properties.liveTimeout().toMillis());
        // Rendered off the request thread: the form's CSRF token is taken now, while the request is there.
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        AtomicReference<String> last = new AtomicReference<>("");
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        AtomicBoolean open = new AtomicBoolean(true);
        Runnable read = new Runnable() {
            @Override
            public void run() {
                Duration next;
                try {
                    next = push(emitter, user, id, csrf, last) ? properties.liveRolloutInterval() : properties.liveInterval();
                } catch (IOException | IllegalStateException gone) {
                    open.set(false);
                    return;
                } catch (RuntimeException broken) {
                    // End the stream so the browser reconnects, rather than leave a page that no longer updates.
                    open.set(false);
                    emitter.completeWithError(broken);
                    return;
                }
                if (open.get()) {
                    task.set(readers.schedule(this, next.toMillis(), TimeUnit.MILLISECONDS));
                }
            }
        };
        task.set(readers.schedule(read, 0, TimeUnit.MILLISECONDS));
        Runnable stop = () -> {
            open.set(false);
            cancel(task);
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        return emitter;
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> self = task.get();
        if (self != null) {
            self.cancel(false);
        }
    }

    /** Sends the Overview if it changed; answers whether a rollout is in progress (then it is read again sooner). */
    private boolean push(SseEmitter emitter, ConsoleUser user, String id, CsrfToken csrf, AtomicReference<String> last)
            throws IOException {
        // A comment line first: a page the browser left is learnt only by a write that fails, and
        // without one an unchanged Overview would go on being read for it until live-timeout.
        emitter.send(SseEmitter.event().comment(""));
        try {
            Endpoint endpoint = overviews.endpoint(user.token(), id);
            if (QUERY_DOWN.equals(last.get())) {
                // Blank, not empty: a browser drops an event without data.
                emitter.send(SseEmitter.event().name("notice").data(" "));
            }
            String fingerprint = Overview.fingerprintOf(endpoint);
            if (!fingerprint.equals(last.get())) {
                // One call while nothing moved; the versions only when something did.
                Overview overview = overviews.read(user.token(), endpoint);
                emitter.send(SseEmitter.event().name(EVENT).data(render(overview, user, csrf)));
                last.set(fingerprint);
            }
            return endpoint.inProgress() != null;
        } catch (ApiUnreachable | ApiRefusal unavailable) {
            if (!QUERY_DOWN.equals(last.get())) {
                emitter.send(SseEmitter.event().name("notice")
                        .data("The query API is not answering; this page updates again once it is back."));
                last.set(QUERY_DOWN);
            }
            return false;
        }
    }

    private String render(Overview overview, ConsoleUser user, CsrfToken csrf) {
        Context context = new Context();
        context.setVariables(Map.of("overview", overview, "groups", Setting.grouped(), "user", user,
                "csrf", csrf, "formKey", UUID.randomUUID().toString()));
        String html = templates.process("overview", Set.of("overview"), context);
        // One SSE data line: a line break would end the field, and HTML does not need them.
        return html.replaceAll("\\R", " ");
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }
}
