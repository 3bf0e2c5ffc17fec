package io.inferctl.console.signin;

import io.inferctl.console.api.ApiUnreachable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The token paste. An OIDC login would replace this page with Spring Security's {@code oauth2Login()}. */
@Controller
class SignInController {

    private final TokenSignIn signIn;
    private final SecurityContextRepository contexts;

    SignInController(TokenSignIn signIn, SecurityContextRepository contexts) {
        this.signIn = signIn;
        this.contexts = contexts;
    }

    @GetMapping("/sign-in")
    String form() {
        return "sign-in";
    }

    @PostMapping("/sign-in")
    String signIn(@RequestParam(required = false) String token, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(signIn.signIn(token));
            // A new session id on sign-in, so a session id planted before it is worth nothing after.
            request.getSession(true);
            request.changeSessionId();
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            return "redirect:/endpoints";
        } catch (AuthenticationException | ApiUnreachable refused) {
            model.addAttribute("error", refused.getMessage());
            response.setStatus(refused instanceof TooManySignInsException
                    ? HttpStatus.TOO_MANY_REQUESTS.value() : HttpStatus.UNAUTHORIZED.value());
            return "sign-in";
        }
    }
}
