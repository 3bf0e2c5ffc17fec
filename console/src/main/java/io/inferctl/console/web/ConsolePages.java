package io.inferctl.console.web;

import io.inferctl.console.api.ApiRefusal;
import io.inferctl.console.api.ApiUnreachable;
import io.inferctl.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Pages every screen shares: the signed-in person for the header, and what a refusal or an API
 * that does not answer looks like (a page that says so, never a stack trace).
 */
@Controller
@ControllerAdvice
public class ConsolePages {

    @ModelAttribute("user")
    ConsoleUser user(@AuthenticationPrincipal ConsoleUser user) {
        return user;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/endpoints";
    }

    /** Where Spring Security forwards a refusal: a form without its CSRF token, or a change by a viewer. */
    public static ModelAndView notAllowed() {
        return problemPage(HttpStatus.FORBIDDEN, "Not allowed",
                "Your token may read endpoints but not change them. Sign in with a deployer's token to change them.");
    }

    @RequestMapping("/forbidden")
    ModelAndView forbidden(HttpServletRequest request) {
        if (request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException) {
            return problemPage(HttpStatus.FORBIDDEN, "Form expired",
                    "This form expired or did not come from this console. Nothing was changed; reload the page and try again.");
        }
        return notAllowed();
    }

    @ExceptionHandler(ApiRefusal.class)
    ModelAndView refused(ApiRefusal refusal) {
        HttpStatus status = HttpStatus.resolve(refusal.problem().status());
        return problemPage(status == null ? HttpStatus.BAD_GATEWAY : status,
                refusal.problem().title() == null ? "Refused" : refusal.problem().title(), refusal.problem().message());
    }

    @ExceptionHandler(ApiUnreachable.class)
    ModelAndView unreachable(ApiUnreachable down) {
        return problemPage(HttpStatus.SERVICE_UNAVAILABLE, down.api() + " is not answering",
                down.api() + " did not answer. It may be restarting; reload this page in a moment.");
    }

    public static ModelAndView problemPage(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(status);
        page.addObject("title", title);
        page.addObject("message", message);
        // An exception handler's page gets no @ModelAttribute values: the header's user is added here.
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.getPrincipal() instanceof ConsoleUser user) {
            page.addObject("user", user);
        }
        return page;
    }
}
