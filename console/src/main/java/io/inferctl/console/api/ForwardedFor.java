package io.inferctl.console.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;

/**
 * Tells the APIs whose request a call is made for: {@code X-Forwarded-For} with the address of the
 * browser the console is serving. The APIs limit failed authentications per client address; without
 * this every sign-in through the console would come from the console's one address, and twenty wrong
 * tokens pasted by anyone would lock every console user out for a minute. The APIs believe the header
 * only from their {@code inferctl.security.failed-authentication.trusted-proxies}, which must therefore
 * name the console. The browser's address is what the console's Tomcat reports
 * ({@code server.forward-headers-strategy} decides whether an ingress in front of it is believed).
 * A call made outside a page request (none today) carries no header and counts as the console's own.
 */
final class ForwardedFor implements ClientHttpRequestInterceptor {

    static final String HEADER = "X-Forwarded-For";

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes page) {
            HttpServletRequest browser = page.getRequest();
            request.getHeaders().set(HEADER, browser.getRemoteAddr());
        }
        return execution.execute(request, body);
    }
}
