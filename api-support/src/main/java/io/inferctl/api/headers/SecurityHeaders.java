package io.inferctl.api.headers;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

/**
 * The headers every answer of the APIs carries, success or refusal. The APIs answer JSON that no
 * browser should render, frame, sniff into another type, keep in a cache or follow with a referrer;
 * the policy says so to any browser that meets an answer anyway (a link a user clicked, a page that
 * fetched it). The Swagger UI pages are the one HTML the services serve: they load their own scripts,
 * styles and images, so they get a policy that allows those, and are framed by nobody either.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    public static final String SWAGGER_UI_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    private static final String SWAGGER_UI = "/swagger-ui";

    private SecurityHeaders() {
    }

    /** @param path the path asked for, or {@code null} when the request could not be read */
    public static void applyTo(HttpServletResponse response, String path) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("Content-Security-Policy",
                path != null && path.startsWith(SWAGGER_UI) ? SWAGGER_UI_POLICY : CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
