package io.inferctl.console.endpoint.web;

import io.inferctl.console.ConsoleProperties;
import io.inferctl.console.api.ApiViews.Change;
import io.inferctl.console.api.ApiViews.Diff;
import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.api.ApiViews.Page;
import io.inferctl.console.api.ApiViews.Version;
import io.inferctl.console.api.QueryApi;
import io.inferctl.console.endpoint.OverviewReader;
import io.inferctl.console.endpoint.Setting;
import io.inferctl.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An endpoint's tabs: Overview, Versions, one version's configuration, and Compare. */
@Controller
class EndpointPageController {

    private final QueryApi query;
    private final OverviewReader overviews;
    private final ConsoleProperties properties;

    EndpointPageController(QueryApi query, OverviewReader overviews, ConsoleProperties properties) {
        this.query = query;
        this.overviews = overviews;
        this.properties = properties;
    }

    /** {@code seq}: the sequence of a change just made, so the page shows that change (read your own writes). */
    @GetMapping("/endpoints/{id}")
    String overview(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                    @RequestParam(required = false) Long seq, HttpServletRequest request, Model model) {
        model.addAttribute("overview", overviews.read(user.token(), id, seq));
        // The Overview fragment is also rendered off any request (the live stream): it takes the CSRF token as a variable.
        model.addAttribute("csrf", request.getAttribute(CsrfToken.class.getName()));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        model.addAttribute("groups", Setting.grouped());
        model.addAttribute("tab", "overview");
        return "endpoint";
    }

    @GetMapping("/endpoints/{id}/versions")
    String versions(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                    @RequestParam(required = false) String cursor, Model model) {
        Endpoint endpoint = query.endpoint(user.token(), id, null);
        Page<Version> page = query.versions(user.token(), id, cursor, properties.pageSize(), null);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("versions", page.items());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        model.addAttribute("tab", "versions");
        return "versions";
    }

    @GetMapping("/endpoints/{id}/versions/{n}")
    String version(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, @PathVariable int n,
                   HttpServletRequest request, Model model) {
        Endpoint endpoint = query.endpoint(user.token(), id, null);
        Version version = query.version(user.token(), id, n);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("version", version);
        // Promote and Abort share the Overview's form, which takes the CSRF token as a variable.
        model.addAttribute("csrf", request.getAttribute(CsrfToken.class.getName()));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        model.addAttribute("groups", Setting.grouped());
        model.addAttribute("changed", byField(version.changes()));
        model.addAttribute("tab", "versions");
        return "version";
    }

    @GetMapping("/endpoints/{id}/compare")
    String compare(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                   @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
                   Model model) {
        Endpoint endpoint = query.endpoint(user.token(), id, null);
        int latest = endpoint.latestVersion() == null ? 0 : endpoint.latestVersion();
        int right = to == null ? latest : to;
        int left = from == null ? Math.max(0, right - 1) : from;
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("from", left);
        model.addAttribute("to", right);
        model.addAttribute("tab", "compare");
        if (left != right) {
            // The diff API takes the older version first; the page keeps the order the person chose.
            Diff diff = query.diff(user.token(), id, Math.min(left, right), Math.max(left, right));
            model.addAttribute("changed", byField(diff.changes()));
            model.addAttribute("left", query.version(user.token(), id, left));
            model.addAttribute("right", query.version(user.token(), id, right));
            model.addAttribute("groups", Setting.grouped());
        }
        return "compare";
    }

    private static Map<String, Change> byField(java.util.List<Change> changes) {
        return changes.stream().collect(Collectors.toMap(Change::field, Function.identity(), (a, b) -> b));
    }
}
