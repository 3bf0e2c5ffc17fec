package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.command.endpoint.EndpointPolicy;
import io.inferctl.command.endpoint.EndpointRefusedException;
import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.command.endpoint.MutationResult;
import io.inferctl.command.endpoint.RefusalCode;
import io.inferctl.command.endpoint.TextRules;
import io.inferctl.command.idempotency.IdempotentRequest;
import io.inferctl.command.web.RequestRejectedException;
import io.inferctl.api.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every mutating request shares: If-Match, Idempotency-Key, limits on free text, the answer's form. */
@Component
class MutationSupport {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"(\\d{1,9})\"");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final ObjectMapper objectMapper;
    private final EndpointPolicy policy;

    MutationSupport(ObjectMapper objectMapper, EndpointPolicy policy) {
        this.objectMapper = objectMapper;
        this.policy = policy;
    }

    /** Ids are server-made UUIDs; anything else cannot name an endpoint. */
    static String endpointId(String id) {
        try {
            return UUID.fromString(id).toString().equals(id) ? id : notFound(id);
        } catch (IllegalArgumentException e) {
            return notFound(id);
        }
    }

    private static String notFound(String id) {
        throw new EndpointRefusedException(RefusalCode.ENDPOINT_NOT_FOUND, "No endpoint with id " + id + ".");
    }

    /** The version from {@code If-Match: "3"}; {@code null} when absent or {@code *}. */
    static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = ETAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw RequestRejectedException.malformed("If-Match",
                    "must be the quoted version you last saw, e.g. \"3\" (the ETag of an earlier answer)");
        }
        return Integer.parseInt(matcher.group(1));
    }

    List<FieldViolation> checkComment(String comment) {
        return policy.checkComment(comment);
    }

    /** @param characters which characters the text may hold, e.g. {@link TextRules#freeTextProblem} */
    static void checkText(List<FieldViolation> violations, String field, String value, boolean required, int max,
                          Function<String, Optional<String>> characters) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new FieldViolation(field, "is required"));
            }
        } else if (value.length() > max) {
            violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
        } else {
            characters.apply(value).ifPresent(reason -> violations.add(new FieldViolation(field, reason)));
        }
    }

    static void requireValid(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw RequestRejectedException.invalid(violations);
        }
    }

    /**
     * The request's idempotency identity, or {@code null} without a key. The fingerprint covers the
     * method, path, If-Match and the body's JSON with its keys sorted, so a retry that only reorders
     * or reformats the body counts as the same request.
     */
    IdempotentRequest idempotency(String key, Authentication caller, HttpServletRequest request, String ifMatch,
                                  Object body) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw RequestRejectedException.malformed(IDEMPOTENCY_KEY, "must be 1 to 200 visible ASCII characters");
        }
        String canonical = request.getMethod() + "\n" + request.getRequestURI() + "\n"
                + (ifMatch == null ? "" : ifMatch.trim()) + "\n"
                + (body == null ? "" : canonical(objectMapper.valueToTree(body)));
        return new IdempotentRequest(caller.getName(), key, Sha256.hex(canonical));
    }

    ResponseEntity<MutationResponse> respond(EndpointCommandSender.Outcome outcome) {
        MutationResult result = outcome.result();
        HttpStatus status = switch (result.kind()) {
            case CREATED -> HttpStatus.CREATED;
            case VERSION_CREATED, CANCELLATION_REQUESTED, DELETED -> HttpStatus.ACCEPTED;
            case UNCHANGED, ROLLOUT_REPORTED -> HttpStatus.OK;
        };
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).eTag("\"" + result.version() + "\"");
        if (result.kind() == MutationResult.Kind.CREATED) {
            answer.location(URI.create("/v1/endpoints/" + result.endpointId()));
        }
        if (outcome.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(MutationResponse.of(result));
    }

    private String canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Map<String, String> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((k, v) -> out.append(objectMapper.getNodeFactory().textNode(k)).append(':').append(v).append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(canonical(element)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }
}
