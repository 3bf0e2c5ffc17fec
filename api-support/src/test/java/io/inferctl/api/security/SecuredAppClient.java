package io.inferctl.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP to {@link SecuredApp}, as a client behind the trusted proxy at {@code client}. */
final class SecuredAppClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    SecuredAppClient(int port) {
        this.port = port;
    }

    HttpResponse<String> send(String method, String path, String client, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header(ClientAddress.FORWARDED_FOR, client);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String client, String token) {
        return send("GET", path, client, token);
    }
}
