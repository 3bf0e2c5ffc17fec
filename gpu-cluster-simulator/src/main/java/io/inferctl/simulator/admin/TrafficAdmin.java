package io.inferctl.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.faults.EngineFaultRule;
import io.inferctl.simulator.faults.EngineFaults;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.traffic.SyntheticLoad;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin API's view of the synthetic load and the engine faults:
 *
 * <pre>
 * GET    /traffic                 requests, failures by kind and zero-ready-backend moments per endpoint and version
 * DELETE /traffic                 forget what the load saw so far
 * PUT    /traffic                 change the rate: {"requestsPerSecond":50} (0 stops the load)
 * GET    /engine-faults           active engine fault rules
 * POST   /engine-faults           add one: {"labels":{"inferctl.io/version":"1"},"afterSeconds":30,"errorRate":0.5}
 * DELETE /engine-faults           clear all
 * DELETE /engine-faults/{id}      remove one
 * </pre>
 */
public final class TrafficAdmin {

    private static final Pattern ENGINE_FAULT = Pattern.compile("/engine-faults/([^/]+)");

    /** An answer of the admin API: status and JSON body (null for none). */
    record Answer(int status, JsonNode body) {
    }

    private final SyntheticLoad load;
    private final EngineFaults faults;

    public TrafficAdmin(SyntheticLoad load, EngineFaults faults) {
        this.load = load;
        this.faults = faults;
    }

    /** The answer when {@code path} is one of this API's, else empty. */
    Optional<Answer> handle(String method, String path, JsonNode body) {
        Matcher fault = ENGINE_FAULT.matcher(path);
        if (path.equals("/traffic")) {
            return Optional.of(traffic(method, body));
        }
        if (path.equals("/engine-faults")) {
            return Optional.of(switch (method) {
                case "GET" -> {
                    ObjectNode result = Json.object();
                    var list = result.putArray("faults");
                    faults.active().forEach(rule -> list.add(rule.toJson()));
                    yield new Answer(200, result);
                }
                case "POST" -> new Answer(201, faults.add(EngineFaultRule.fromJson(body)).toJson());
                case "DELETE" -> {
                    faults.clear();
                    yield new Answer(204, null);
                }
                default -> notFound(method, path);
            });
        }
        if (fault.matches() && method.equals("DELETE")) {
            return Optional.of(faults.remove(fault.group(1)) ? new Answer(204, null)
                    : error(404, "no engine fault rule " + fault.group(1)));
        }
        return Optional.empty();
    }

    private Answer traffic(String method, JsonNode body) {
        switch (method) {
            case "GET" -> {
                ObjectNode result = load.stats().toJson();
                result.put("requestsPerSecond", load.requestsPerSecond());
                return new Answer(200, result);
            }
            case "DELETE" -> {
                load.stats().reset();
                return new Answer(204, null);
            }
            case "PUT" -> {
                body.fieldNames().forEachRemaining(field -> {
                    if (!field.equals("requestsPerSecond")) {
                        throw new IllegalArgumentException("unknown field '" + field + "'; known fields: [requestsPerSecond]");
                    }
                });
                JsonNode rate = body.get("requestsPerSecond");
                if (rate == null || !rate.isIntegralNumber() || rate.intValue() < 0) {
                    throw new IllegalArgumentException("requestsPerSecond is required and must be a whole number >= 0");
                }
                load.setRequestsPerSecond(rate.intValue());
                ObjectNode result = Json.object();
                result.put("requestsPerSecond", load.requestsPerSecond());
                return new Answer(200, result);
            }
            default -> {
                return notFound(method, "/traffic");
            }
        }
    }

    private static Answer notFound(String method, String path) {
        return error(404, "no such admin endpoint: " + method + " " + path);
    }

    private static Answer error(int status, String message) {
        ObjectNode error = Json.object();
        error.put("error", message);
        return new Answer(status, error);
    }
}
