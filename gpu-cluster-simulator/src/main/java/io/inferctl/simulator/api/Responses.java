package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.faults.FaultInjector;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.Json;
import io.vertx.core.http.HttpServerResponse;

/** Request bodies read and answers written as the API server does: JSON objects, failures as {@code Status}. */
final class Responses {

    static final String JSON = "application/json";
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVICE_UNAVAILABLE = 503;
    private static final int GATEWAY_TIMEOUT = 504;
    private static final int SERVER_ERRORS = 500;

    private Responses() {
    }

    static ObjectNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the request has no body");
        }
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the request body is not a JSON object: " + e.getMessage());
        }
    }

    /** An answer to a connection already gone is dropped: the client stopped waiting for it. */
    static void send(HttpServerResponse response, int status, JsonNode body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", JSON).end(Json.write(body));
    }

    /** An injected fault answered in the API server's own words, so clients classify it as they would a real one. */
    static void sendFault(HttpServerResponse response, FaultInjector.Decision decision) {
        int status = decision.status();
        String reason = switch (status) {
            case TOO_MANY_REQUESTS -> "TooManyRequests";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
            case GATEWAY_TIMEOUT -> "Timeout";
            default -> status >= SERVER_ERRORS ? "InternalError" : "BadRequest";
        };
        if (status == TOO_MANY_REQUESTS) {
            response.putHeader("Retry-After", "1");
        }
        ApiException fault = new ApiException(status, reason, "simulated fault " + decision.ruleId() + ": the API "
                + "server answered " + status, null);
        send(response, status, fault.toStatus());
    }
}
