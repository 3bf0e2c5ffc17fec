package io.inferctl.console.endpoint.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.console.ConsoleProperties;
import io.inferctl.console.api.ApiRefusal;
import io.inferctl.console.api.ApiViews.Catalog;
import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.api.ApiViews.MutationAnswer;
import io.inferctl.console.api.ApiViews.Page;
import io.inferctl.console.api.ApiViews.Version;
import io.inferctl.console.api.CommandApi;
import io.inferctl.console.api.QueryApi;
import io.inferctl.console.endpoint.CatalogReader;
import io.inferctl.console.endpoint.ConfigForm;
import io.inferctl.console.endpoint.FieldProblems;
import io.inferctl.console.endpoint.Setting;
import io.inferctl.console.signin.ConsoleUser;
import io.inferctl.console.web.ConsolePages;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The endpoints list (filtered by name) and the create form. */
@Controller
class EndpointListController {

    /** The query API's largest page. */
    private static final int QUERY_PAGE_MAX = 100;

    private final QueryApi query;
    private final CommandApi command;
    private final ConsoleProperties properties;
    private final ObjectMapper json;
    private final CatalogReader catalogs;

    EndpointListController(QueryApi query, CommandApi command, ConsoleProperties properties, ObjectMapper json,
                           CatalogReader catalogs) {
        this.catalogs = catalogs;
        this.query = query;
        this.command = command;
        this.properties = properties;
        this.json = json;
    }

    /** A row of the list: the endpoint and the model and accelerator of the version it serves (or its latest). */
    record Row(Endpoint endpoint, Version shown) {
    }

    @GetMapping("/endpoints")
    String list(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String name,
                @RequestParam(required = false) String cursor, Model model) {
        String filter = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        List<Endpoint> shown;
        String next = null;
        if (filter.isEmpty()) {
            Page<Endpoint> page = query.endpoints(user.token(), cursor, properties.pageSize());
            shown = page.items();
            next = page.nextCursor();
        } else {
            shown = matching(user.token(), filter);
        }
        List<Row> rows = new ArrayList<>();
        for (Endpoint endpoint : shown) {
            Integer version = endpoint.currentVersion() != null ? endpoint.currentVersion() : endpoint.latestVersion();
            rows.add(new Row(endpoint, version == null ? null : query.version(user.token(), endpoint.endpointId(), version)));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("nextCursor", next);
        model.addAttribute("anyInProgress", shown.stream().anyMatch(e -> e.inProgress() != null));
        return "endpoints";
    }

    /** The query API has no name filter: read its pages (bounded) and keep the names that contain the text. */
    private List<Endpoint> matching(String token, String filter) {
        List<Endpoint> found = new ArrayList<>();
        String cursor = null;
        int read = 0;
        int pageLimit = Math.max(properties.pageSize(), QUERY_PAGE_MAX);
        do {
            Page<Endpoint> page = query.endpoints(token, cursor, pageLimit);
            read += page.items().size();
            page.items().stream().filter(e -> e.name().contains(filter)).forEach(found::add);
            cursor = page.nextCursor();
        } while (cursor != null && read < properties.nameFilterScan() && found.size() < properties.pageSize());
        return found;
    }

    @GetMapping("/endpoints/new")
    ModelAndView newForm(@AuthenticationPrincipal ConsoleUser user) {
        if (!user.mayChange()) {
            return ConsolePages.notAllowed();
        }
        return createPage(user.token(), ConfigForm.submitted(Map.of(ConfigForm.IDEMPOTENCY_KEY, UUID.randomUUID().toString())),
                FieldProblems.none(), HttpStatus.OK);
    }

    @PostMapping("/endpoints")
    ModelAndView create(@AuthenticationPrincipal ConsoleUser user, @RequestParam Map<String, String> parameters) {
        ConfigForm form = ConfigForm.submitted(parameters);
        try {
            MutationAnswer answer = command.create(user.token(), form.get(ConfigForm.IDEMPOTENCY_KEY), form.createBody(json));
            return new ModelAndView("redirect:/endpoints/" + answer.endpointId() + "?seq=" + answer.sequence());
        } catch (ApiRefusal refusal) {
            HttpStatus status = HttpStatus.resolve(refusal.problem().status());
            return createPage(user.token(), form, FieldProblems.of(refusal.problem()),
                    status == null ? HttpStatus.UNPROCESSABLE_ENTITY : status);
        }
    }

    private ModelAndView createPage(String token, ConfigForm form, FieldProblems problems, HttpStatus status) {
        Catalog catalog = catalogs.read(token);
        ModelAndView page = new ModelAndView("endpoint-new");
        page.setStatus(status);
        page.addObject("form", form);
        page.addObject("problems", problems);
        page.addObject("groups", Setting.grouped());
        page.addObject("accelerators", catalog.acceleratorTypes());
        page.addObject("counts", catalog.acceleratorCounts());
        page.addObject("defaults", catalog.defaultsByPath());
        return page;
    }
}
