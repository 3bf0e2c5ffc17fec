package io.inferctl.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.console.api.ApiViews.AuditEntry;
import io.inferctl.console.api.ApiViews.Diff;
import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.api.ApiViews.Page;
import io.inferctl.console.api.ApiViews.Version;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.List;
import java.util.function.Supplier;

/** The query API, called with the signed-in person's own token. */
public class QueryApi {

    static final String NAME = "The query API";
    private static final String MIN_SEQUENCE = "Min-Sequence";

    private final RestClient client;
    private final ObjectMapper json;

    QueryApi(RestClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public Page<Endpoint> endpoints(String token, String cursor, int limit) {
        return call(() -> client.get()
                .uri(b -> build(b.path("/v1/endpoints").queryParam("limit", limit), Map.of("cursor", nullToEmpty(cursor)), Map.of()))
                .headers(h -> h.setBearerAuth(token))
                .retrieve().body(new ParameterizedTypeReference<Page<Endpoint>>() { }));
    }

    public Endpoint endpoint(String token, String endpointId, Long minSequence) {
        return call(() -> client.get().uri("/v1/endpoints/{id}", endpointId)
                .headers(h -> auth(h, token, minSequence))
                .retrieve().body(Endpoint.class));
    }

    public Page<Version> versions(String token, String endpointId, String cursor, int limit, Long minSequence) {
        return call(() -> client.get()
                .uri(b -> build(b.path("/v1/endpoints/{id}/versions").queryParam("limit", limit),
                        Map.of("cursor", nullToEmpty(cursor)), Map.of("id", endpointId)))
                .headers(h -> auth(h, token, minSequence))
                .retrieve().body(new ParameterizedTypeReference<Page<Version>>() { }));
    }

    public Version version(String token, String endpointId, int version) {
        return call(() -> client.get().uri("/v1/endpoints/{id}/versions/{n}", endpointId, version)
                .headers(h -> h.setBearerAuth(token))
                .retrieve().body(Version.class));
    }

    public Diff diff(String token, String endpointId, int from, int to) {
        return call(() -> client.get()
                .uri(b -> b.path("/v1/endpoints/{id}/diff").queryParam("from", from).queryParam("to", to).build(endpointId))
                .headers(h -> h.setBearerAuth(token))
                .retrieve().body(Diff.class));
    }

    public Page<AuditEntry> audit(String token, Map<String, String> filters, String cursor, int limit) {
        return call(() -> client.get()
                .uri(b -> build(b.path("/v1/audit").queryParam("limit", limit), withCursor(filters, cursor), Map.of()))
                .headers(h -> h.setBearerAuth(token))
                .retrieve().body(new ParameterizedTypeReference<Page<AuditEntry>>() { }));
    }

    /** Streams the whole filtered audit log in {@code format} (CSV or NDJSON) to {@code out}, as the API writes it. */
    public void exportAudit(String token, Map<String, String> filters, MediaType format, OutputStream out) {
        call(() -> client.get()
                .uri(b -> build(b.path("/v1/audit"), filters, Map.of()))
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.setAccept(List.of(format));
                })
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        throw new ApiRefusal(ApiClients.problemOf(response, json));
                    }
                    response.getBody().transferTo(out);
                    return null;
                }));
    }

    /** Whether the token may read at all: a refusal here means the token is unknown or not allowed. */
    public void checkReadable(String token) {
        endpoints(token, null, 1);
    }

    private static void auth(HttpHeaders headers, String token, Long minSequence) {
        headers.setBearerAuth(token);
        if (minSequence != null) {
            headers.set(MIN_SEQUENCE, minSequence.toString());
        }
    }

    /**
     * Adds each non-blank parameter as a URI variable: variables are encoded strictly, so a '+' in
     * a time's offset or a ';' in a name reach the API as sent.
     */
    private static URI build(UriBuilder builder, Map<String, String> parameters, Map<String, Object> pathVariables) {
        Map<String, Object> variables = new java.util.HashMap<>(pathVariables);
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                builder.queryParam(name, "{" + name + "}");
                variables.put(name, value);
            }
        });
        return builder.build(variables);
    }

    private static Map<String, String> withCursor(Map<String, String> filters, String cursor) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>(filters);
        parameters.put("cursor", nullToEmpty(cursor));
        return parameters;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException e) {
            throw new ApiUnreachable(NAME, e);
        }
    }
}
