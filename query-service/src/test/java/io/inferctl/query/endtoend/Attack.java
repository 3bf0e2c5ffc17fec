package io.inferctl.query.endtoend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One hostile request of {@link HostileRequestSuiteTest}: what it attacks, which API it is sent to,
 * its bytes exactly as sent, and the status that refuses it (0: any 4xx). In the request line and
 * headers, {@value #ENDPOINT} stands for an endpoint that exists, so that a refusal is the attack's
 * doing and not a 404 for a missing endpoint.
 */
record Attack(String name, Api api, String request, int status) {

    static final String ENDPOINT = "{endpoint}";

    enum Api { COMMAND, QUERY }

    /** The request with the placeholder filled; the body is untouched, so its length still holds. */
    String request(String endpointId) {
        int bodyStart = request.indexOf("\r\n\r\n");
        return request.substring(0, bodyStart).replace(ENDPOINT, endpointId) + request.substring(bodyStart);
    }

    @Override
    public String toString() {
        return api + ": " + name;
    }

    static Builder to(Api api, String method, String target) {
        return new Builder(api, method, target);
    }

    /** Writes a request as a client would, or as a hostile one would: nothing is normalised. */
    static final class Builder {

        private final Api api;
        private final String method;
        private final String target;
        private final List<String> headers = new ArrayList<>();
        private String body;

        private Builder(Api api, String method, String target) {
            this.api = api;
            this.method = method;
            this.target = target;
        }

        Builder token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** A header line as written, which may break every rule of HTTP. */
        Builder header(String name, String value) {
            headers.add(name + ": " + value);
            return this;
        }

        /** A JSON body in UTF-8. */
        Builder json(String json) {
            return bytes("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** A body of exactly these bytes, with its length, under this Content-Type ({@code null}: none). */
        Builder bytes(String contentType, byte[] content) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            body = new String(content, StandardCharsets.ISO_8859_1);
            return header("Content-Length", Integer.toString(content.length));
        }

        /** A body sent as it is, its length and type left to the headers already written. */
        Builder rawBody(String content) {
            body = content;
            return this;
        }

        Attack refused(String name, int status) {
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\n");
            headers.forEach(header -> request.append(header).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            if (body != null) {
                request.append(body);
            }
            return new Attack(name, api, request.toString(), status);
        }

        /** Any 4xx will do: which one depends on the layer that notices first. */
        Attack refused(String name) {
            return refused(name, 0);
        }
    }
}
