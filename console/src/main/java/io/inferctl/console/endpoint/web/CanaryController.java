package io.inferctl.console.endpoint.web;

import io.inferctl.console.api.ApiViews.MutationAnswer;
import io.inferctl.console.api.CommandApi;
import io.inferctl.console.signin.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Promote and Abort of a version in a canary step or baking, as the Overview offers them beside
 * Cancel, with the same form: the form's Idempotency-Key and an optional comment. A refusal (the
 * rollout moved on, a viewer's token) is the command API's, shown as its problem page.
 */
@Controller
class CanaryController {

    private final CommandApi command;

    CanaryController(CommandApi command) {
        this.command = command;
    }

    @PostMapping("/endpoints/{id}/versions/{n}/canary/promote")
    ModelAndView promote(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable int n,
                         @RequestParam String idempotencyKey, @RequestParam(defaultValue = "") String comment) {
        return overview(command.promoteCanary(user.token(), id, n, idempotencyKey, optional(comment)));
    }

    @PostMapping("/endpoints/{id}/versions/{n}/canary/abort")
    ModelAndView abort(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable int n,
                       @RequestParam String idempotencyKey, @RequestParam(defaultValue = "") String comment) {
        return overview(command.abortCanary(user.token(), id, n, idempotencyKey, optional(comment)));
    }

    private static String optional(String comment) {
        return comment.isBlank() ? null : comment.strip();
    }

    private static ModelAndView overview(MutationAnswer answer) {
        return new ModelAndView("redirect:/endpoints/" + answer.endpointId() + "?seq=" + answer.sequence());
    }
}
