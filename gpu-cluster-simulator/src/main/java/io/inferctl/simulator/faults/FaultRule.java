package io.inferctl.simulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One fault on the Kubernetes API. A rule may combine kinds; each request it matches is delayed by
 * {@code latencyMs}, then answered {@code errorStatus} with probability {@code errorRate}, or has its
 * connection dropped with probability {@code dropRate}. An outage rule drops every request, and every
 * open watch, for {@code outageSeconds}.
 *
 * @param id            assigned when the rule is added
 * @param latencyMs     added delay before the request is handled
 * @param errorRate     share of matching requests answered with {@code errorStatus} (0..1)
 * @param errorStatus   500, 503, 429 or any other error code
 * @param dropRate      share of matching requests whose connection is closed without an answer (0..1)
 * @param outageSeconds length of a full outage starting when the rule is added, 0 for none
 * @param methods       HTTP methods the rule applies to; empty for all
 * @param pathRegex     regular expression the request path (with query) must contain a match of; null for all
 * @param times         how many requests the rule affects before it expires; null for unlimited
 */
public record FaultRule(String id, long latencyMs, double errorRate, int errorStatus, double dropRate,
    long outageSeconds, Set<String> methods, String pathRegex, Integer times) {

  static final int DEFAULT_ERROR_STATUS = 500;

  public FaultRule {
    if (latencyMs < 0 || errorRate < 0 || errorRate > 1 || dropRate < 0 || dropRate > 1 || outageSeconds < 0) {
      throw new IllegalArgumentException("latencyMs and outageSeconds must be >= 0, rates between 0 and 1");
    }
    if (errorStatus < 400 || errorStatus > 599) {
      throw new IllegalArgumentException("errorStatus must be an HTTP error code (4xx or 5xx)");
    }
    if (times != null && times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    if (pathRegex != null) {
      Pattern.compile(pathRegex);
    }
    Set<String> upper = new TreeSet<>();
    methods.forEach(m -> upper.add(m.toUpperCase(Locale.ROOT)));
    methods = Set.copyOf(upper);
  }

  public static FaultRule latency(long millis) {
    return new FaultRule(null, millis, 0, DEFAULT_ERROR_STATUS, 0, 0, Set.of(), null, null);
  }

  public static FaultRule errors(double rate, int status) {
    return new FaultRule(null, 0, rate, status, 0, 0, Set.of(), null, null);
  }

  public static FaultRule drops(double rate) {
    return new FaultRule(null, 0, 0, DEFAULT_ERROR_STATUS, rate, 0, Set.of(), null, null);
  }

  public static FaultRule outage(long seconds) {
    return new FaultRule(null, 0, 0, DEFAULT_ERROR_STATUS, 0, seconds, Set.of(), null, null);
  }

  public FaultRule onlyFor(String method, String regex) {
    return new FaultRule(id, latencyMs, errorRate, errorStatus, dropRate, outageSeconds,
        method == null ? Set.of() : Set.of(method), regex, times);
  }

  public FaultRule times(int count) {
    return new FaultRule(id, latencyMs, errorRate, errorStatus, dropRate, outageSeconds, methods, pathRegex, count);
  }

  FaultRule withId(String newId) {
    return new FaultRule(newId, latencyMs, errorRate, errorStatus, dropRate, outageSeconds, methods, pathRegex, times);
  }

  /**
   * From the admin API's JSON: {@code {"latencyMs":200}}, {@code {"errorRate":0.3,"errorStatus":503}},
   * {@code {"dropConnections":true}} or {@code {"dropRate":0.5}}, {@code {"outageSeconds":10}}, plus the
   * optional {@code methods}, {@code pathRegex} and {@code times}. An {@code errorStatus} without a rate
   * fails every matching request.
   */
  public static FaultRule fromJson(JsonNode json) {
    double errorRate = json.path("errorRate").asDouble(json.has("errorStatus") ? 1.0 : 0.0);
    double dropRate = json.path("dropConnections").asBoolean(false) ? 1.0 : json.path("dropRate").asDouble(0);
    Set<String> methods = new TreeSet<>();
    json.path("methods").forEach(m -> methods.add(m.asText()));
    if (json.has("method")) {
      methods.add(json.get("method").asText());
    }
    return new FaultRule(null, json.path("latencyMs").asLong(0), errorRate,
        json.path("errorStatus").asInt(DEFAULT_ERROR_STATUS), dropRate, json.path("outageSeconds").asLong(0),
        methods, json.hasNonNull("pathRegex") ? json.get("pathRegex").asText() : null,
        json.hasNonNull("times") ? json.get("times").asInt() : null);
  }

  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("latencyMs", latencyMs);
    json.put("errorRate", errorRate);
    json.put("errorStatus", errorStatus);
    json.put("dropRate", dropRate);
    json.put("outageSeconds", outageSeconds);
    methods.forEach(json.withArray("methods")::add);
    if (pathRegex != null) {
      json.put("pathRegex", pathRegex);
    }
    if (times != null) {
      json.put("times", times);
    }
    return json;
  }
}
