package io.inferctl.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.output.Printer;
import io.inferctl.cli.version.VersionText;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Follows one version's rollout through the query API until it ends, printing each step of its
 * timeline once as it appears, and turns the outcome into the documented exit code.
 */
public final class RolloutFollower {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Set<String> ENDED = Set.of("CURRENT", "SUPERSEDED", "FAILED", "CANCELLED");

    private final ApiClient client;
    private final Printer printer;

    public RolloutFollower(ApiClient client, Printer printer) {
        this.client = client;
        this.printer = printer;
    }

    /**
     * @param minSequence the command answer's sequence (read-your-writes), or null
     * @param printView   whether json/yaml output ends with the version's view (not after a change,
     *                    whose answer was the document printed)
     */
    public int follow(String endpointId, int version, Long minSequence, Duration timeout, boolean printView) {
        Instant deadline = Instant.now().plus(timeout);
        int printed = 0;
        JsonNode view;
        while (true) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("minSequence", minSequence);
            view = client.query("/v1/endpoints/" + endpointId + "/versions/" + version, parameters);
            JsonNode timeline = view.path("timeline");
            if (!printer.structured()) {
                for (; printed < timeline.size(); printed++) {
                    printer.line(step(version, timeline.get(printed)));
                }
            }
            if (ENDED.contains(view.path("status").asText())) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                printer.note("v" + version + " is still " + view.path("status").asText() + " after " + timeout
                        + "; the rollout goes on (inferctl rollout status NAME --watch)");
                return ExitCode.WAIT_TIMEOUT;
            }
            pause();
        }
        return outcome(view, printView);
    }

    /** The exit code of a version whose rollout ended, with its failure's category and code printed. */
    int outcome(JsonNode view, boolean printView) {
        if (printView) {
            printer.printStructured(view);
        }
        int version = view.path("version").asInt();
        String status = view.path("status").asText();
        switch (status) {
            case "FAILED" -> {
                JsonNode failure = view.path("failure");
                printer.note("v" + version + " FAILED: " + failure.path("category").asText() + "/" + failure.path("code").asText()
                        + " at " + failure.path("step").asText() + ": " + failure.path("message").asText());
                return ExitCode.ROLLOUT_FAILED;
            }
            case "CANCELLED" -> {
                printer.note("v" + version + " CANCELLED");
                return ExitCode.ROLLOUT_CANCELLED;
            }
            default -> {
                if (!printer.structured()) {
                    printer.line("v" + version + " " + printer.status(status));
                }
                return ExitCode.OK;
            }
        }
    }

    private String step(int version, JsonNode entry) {
        // A timeline entry that carries the canary's weight reads as the version's phase does (CANARY 10%).
        String phase = VersionText.phase(entry);
        String message = entry.path("message").asText("");
        return "v" + version + "  " + entry.path("at").asText() + "  " + printer.status(entry.path("status").asText())
                + (phase.isEmpty() ? "" : " " + phase) + (message.isEmpty() ? "" : ": " + message)
                + "  (" + entry.path("event").asText() + " by " + entry.path("by").asText() + ")";
    }

    private static void pause() {
        try {
            // The query API has no push channel: polling at a human pace is the honest way to follow.
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
