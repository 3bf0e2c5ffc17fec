package io.inferctl.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.lang.NonNull;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.security.Principal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a {@link MutationRequest} argument: the caller, {@code If-Match} (only where the parameter
 * is {@link ConditionalOnVersion}) and {@code Idempotency-Key}, each refused with a 400 naming the
 * header when malformed.
 */
public class MutationRequestResolver implements HandlerMethodArgumentResolver {

    // Nine digits always fit a version (an int) and keep Integer.parseInt from overflowing.
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"(\\d{1,9})\"");
    // The column idempotency_record.idempotency_key is VARCHAR(200); a longer key could not be stored.
    static final int MAX_KEY_LENGTH = 200;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1," + MAX_KEY_LENGTH + "}");
    private static final String ANY = "*";

    @Override
    public boolean supportsParameter(@NonNull MethodParameter parameter) {
        return parameter.getParameterType() == MutationRequest.class;
    }

    @Override
    public MutationRequest resolveArgument(@NonNull MethodParameter parameter, ModelAndViewContainer container,
                                           @NonNull NativeWebRequest webRequest, WebDataBinderFactory binders) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Principal caller = webRequest.getUserPrincipal();
        if (request == null || caller == null) {
            // Security admits no anonymous change; reaching here without a caller is a wiring mistake,
            // answered as the 401 Spring Security would give rather than attributing a change to nobody.
            throw new AuthenticationCredentialsNotFoundException("A change needs an authenticated caller.");
        }
        String ifMatch = parameter.hasParameterAnnotation(ConditionalOnVersion.class)
                ? request.getHeader(HttpHeaders.IF_MATCH) : null;
        return new MutationRequest(caller.getName(), ifMatch, expectedVersion(ifMatch),
                idempotencyKey(request.getHeader(MutationRequest.IDEMPOTENCY_KEY)),
                request.getMethod(), request.getRequestURI());
    }

    private static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals(ANY)) {
            return null;
        }
        Matcher matcher = ETAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw RequestRejectedException.malformed(HttpHeaders.IF_MATCH,
                    "must be the quoted version you last saw, e.g. \"3\" (the ETag of an earlier answer)");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String idempotencyKey(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw RequestRejectedException.malformed(MutationRequest.IDEMPOTENCY_KEY,
                    "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        return key;
    }
}
