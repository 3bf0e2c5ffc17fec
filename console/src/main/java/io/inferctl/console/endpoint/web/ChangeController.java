package io.inferctl.console.endpoint.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.console.api.ApiProblem;
import io.inferctl.console.api.ApiRefusal;
import io.inferctl.console.api.ApiViews.Change;
import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.api.ApiViews.MutationAnswer;
import io.inferctl.console.api.ApiViews.Version;
import io.inferctl.console.api.CommandApi;
import io.inferctl.console.api.QueryApi;
import io.inferctl.console.api.ApiViews.Catalog;
import io.inferctl.console.endpoint.CatalogReader;
import io.inferctl.console.endpoint.ConfigChange;
import io.inferctl.console.endpoint.ConfigForm;
import io.inferctl.console.endpoint.FieldProblems;
import io.inferctl.console.endpoint.Setting;
import io.inferctl.console.signin.ConsoleUser;
import io.inferctl.console.web.ConsolePages;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Update (with a preview of exactly what changes), Rollback (with a confirmation naming the new
 * version) and Cancel. Each form carries its own Idempotency-Key, made when the page is shown, and
 * the version the page showed, sent as If-Match.
 */
@Controller
class ChangeController {

    static final String PREVIEW = "preview";
    private static final String STALE_VERSION = "STALE_VERSION";

    private final QueryApi query;
    private final CommandApi command;
    private final ObjectMapper json;
    private final CatalogReader catalogs;

    ChangeController(QueryApi query, CommandApi command, ObjectMapper json, CatalogReader catalogs) {
        this.query = query;
        this.command = command;
        this.json = json;
        this.catalogs = catalogs;
    }

    @GetMapping("/endpoints/{id}/update")
    ModelAndView updateForm(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id) {
        if (!user.mayChange()) {
            return ConsolePages.notAllowed();
        }
        Endpoint endpoint = query.endpoint(user.token(), id, null);
        Version base = query.version(user.token(), id, base(endpoint));
        ConfigForm form = ConfigForm.filledWith(base.config())
                .with(ConfigForm.EXPECTED_VERSION, String.valueOf(endpoint.latestVersion()))
                .with(ConfigForm.IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        return updatePage(user.token(), endpoint, form, null, null, FieldProblems.none(), HttpStatus.OK);
    }

    @PostMapping("/endpoints/{id}/update")
    ModelAndView update(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                        @RequestParam Map<String, String> parameters,
                        @RequestParam(defaultValue = PREVIEW) String action) {
        ConfigForm form = ConfigForm.submitted(parameters);
        Endpoint endpoint = query.endpoint(user.token(), id, null);
        int shown = Integer.parseInt(form.get(ConfigForm.EXPECTED_VERSION));
        // If the endpoint moved on since the page was shown, If-Match refuses the change below.
        Version base = query.version(user.token(), id, base(endpoint));
        List<ConfigChange> changes = form.changesFrom(base.config());
        if (changes.isEmpty()) {
            return updatePage(user.token(), endpoint, form, List.of(), null, FieldProblems.none(), HttpStatus.OK);
        }
        try {
            if (PREVIEW.equals(action)) {
                // The command API's own answer, so the preview is what it would do, refusals included.
                MutationAnswer wouldBe = command.previewUpdate(user.token(), id, shown, form.mergePatch(changes, json));
                return updatePage(user.token(), endpoint, form,
                        wouldBe.changed() ? ConfigChange.of(wouldBe.changes()) : List.of(), wouldBe.version(),
                        FieldProblems.none(), HttpStatus.OK);
            }
            MutationAnswer answer = command.update(user.token(), id, shown, form.get(ConfigForm.IDEMPOTENCY_KEY),
                    form.mergePatch(changes, json));
            return overview(answer);
        } catch (ApiRefusal refusal) {
            // A refused change is not offered again: the person changes the form, or starts again if it was stale.
            boolean stale = STALE_VERSION.equals(refusal.problem().code());
            Endpoint now = stale ? query.endpoint(user.token(), id, null) : endpoint;
            ModelAndView page = updatePage(user.token(), now, form, null, null, problems(refusal.problem(), shown, now),
                    status(refusal));
            page.addObject("stale", stale);
            return page;
        }
    }

    /**
     * The version a change builds on, as the command service decides it: the one serving traffic,
     * or the latest when nothing serves. A failed proposal is not carried into the next change.
     */
    private static int base(Endpoint endpoint) {
        return endpoint.currentVersion() != null ? endpoint.currentVersion() : endpoint.latestVersion();
    }

    @GetMapping("/endpoints/{id}/rollback")
    ModelAndView rollbackConfirmation(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                                      @RequestParam int target) {
        if (!user.mayChange()) {
            return ConsolePages.notAllowed();
        }
        Endpoint endpoint = query.endpoint(user.token(), id, null);
        int latest = endpoint.latestVersion();
        String idempotencyKey = UUID.randomUUID().toString();
        try {
            MutationAnswer wouldBe = command.previewRollBack(user.token(), id, latest, target);
            ModelAndView page = rollbackPage(endpoint, target, latest, idempotencyKey, "", wouldBe, FieldProblems.none(),
                    HttpStatus.OK);
            // The dry run accepted the target, so it exists; whether it is warm is the query API's to say.
            page.addObject("targetWarm", query.version(user.token(), id, target).warm());
            return page;
        } catch (ApiRefusal refusal) {
            return rollbackPage(endpoint, target, latest, idempotencyKey, "", null,
                    problems(refusal.problem(), latest, endpoint), status(refusal));
        }
    }

    @PostMapping("/endpoints/{id}/rollback")
    ModelAndView rollBack(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                          @RequestParam int target, @RequestParam int expectedVersion,
                          @RequestParam String idempotencyKey, @RequestParam(defaultValue = "") String comment) {
        try {
            return overview(command.rollBack(user.token(), id, expectedVersion, idempotencyKey, target,
                    comment.isBlank() ? null : comment.strip()));
        } catch (ApiRefusal refusal) {
            Endpoint endpoint = query.endpoint(user.token(), id, null);
            return rollbackPage(endpoint, target, expectedVersion, idempotencyKey, comment, null,
                    problems(refusal.problem(), expectedVersion, endpoint), status(refusal));
        }
    }

    @PostMapping("/endpoints/{id}/versions/{n}/cancel")
    ModelAndView cancel(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable int n,
                        @RequestParam String idempotencyKey, @RequestParam(defaultValue = "") String comment) {
        return overview(command.cancel(user.token(), id, n, idempotencyKey, comment.isBlank() ? null : comment.strip()));
    }

    /** {@code wouldBe}: the command API's dry-run answer; {@code null} when it refused, so nothing is offered. */
    private ModelAndView rollbackPage(Endpoint endpoint, int target, int expectedVersion, String idempotencyKey,
                                      String comment, MutationAnswer wouldBe, FieldProblems problems, HttpStatus status) {
        ModelAndView page = new ModelAndView("rollback");
        page.setStatus(status);
        page.addObject("endpoint", endpoint);
        page.addObject("target", target);
        page.addObject("wouldBe", wouldBe);
        page.addObject("changes", wouldBe == null ? List.of() : wouldBe.changes());
        page.addObject("expectedVersion", expectedVersion);
        page.addObject("idempotencyKey", idempotencyKey);
        page.addObject("comment", comment);
        page.addObject("problems", problems);
        page.addObject("tab", "versions");
        return page;
    }

    /**
     * {@code preview}: the changes the command API's dry run answered (empty: nothing changes), or
     * {@code null} when there is none to offer (the form just opened, or a refusal).
     */
    private ModelAndView updatePage(String token, Endpoint endpoint, ConfigForm form, List<ConfigChange> preview,
                                    Integer newVersion, FieldProblems problems, HttpStatus status) {
        ModelAndView page = new ModelAndView("update");
        page.setStatus(status);
        page.addObject("endpoint", endpoint);
        page.addObject("form", form);
        page.addObject("preview", preview);
        page.addObject("newVersion", newVersion);
        page.addObject("problems", problems);
        page.addObject("groups", Setting.grouped());
        Catalog catalog = catalogs.read(token);
        page.addObject("accelerators", catalog.acceleratorTypes());
        page.addObject("counts", catalog.acceleratorCounts());
        page.addObject("tab", "overview");
        return page;
    }

    private static ModelAndView overview(MutationAnswer answer) {
        return new ModelAndView("redirect:/endpoints/" + answer.endpointId() + "?seq=" + answer.sequence());
    }

    /** A stale page says so in words; every other refusal keeps the API's own. */
    private static FieldProblems problems(ApiProblem problem, int shown, Endpoint endpoint) {
        if (STALE_VERSION.equals(problem.code())) {
            return FieldProblems.message("This endpoint moved on: this page showed v" + shown
                    + ", and the endpoint is now at v" + endpoint.latestVersion()
                    + ". Nothing was changed. Open the endpoint again to start from its latest settings.");
        }
        return FieldProblems.of(problem);
    }

    private static HttpStatus status(ApiRefusal refusal) {
        HttpStatus status = HttpStatus.resolve(refusal.problem().status());
        return status == null ? HttpStatus.BAD_GATEWAY : status;
    }
}
