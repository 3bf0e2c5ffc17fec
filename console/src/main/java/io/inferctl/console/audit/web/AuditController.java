package io.inferctl.console.audit.web;

import io.inferctl.console.ConsoleProperties;
import io.inferctl.console.api.ApiRefusal;
import io.inferctl.console.api.ApiViews.AuditEntry;
import io.inferctl.console.api.ApiViews.Page;
import io.inferctl.console.api.QueryApi;
import io.inferctl.console.endpoint.FieldProblems;
import io.inferctl.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The audit log: filters, keyset pages, and the query API's CSV and NDJSON exports passed through. */
@Controller
class AuditController {

    static final List<String> FILTERS = List.of("endpointId", "actor", "action", "since", "until");
    static final List<String> ACTIONS = List.of("CREATE", "UPDATE", "ROLLBACK", "WEBHOOK", "CANCEL", "DELETE",
            "ROLLOUT_SUCCEEDED", "ROLLOUT_FAILED", "ROLLOUT_CANCELLED");
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    /** What a browser's datetime-local field sends: a time without a zone, read as UTC. */
    private static final Pattern LOCAL_MINUTES = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final Pattern LOCAL_SECONDS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");

    private final QueryApi query;
    private final ConsoleProperties properties;

    AuditController(QueryApi query, ConsoleProperties properties) {
        this.query = query;
        this.properties = properties;
    }

    @GetMapping("/audit")
    String audit(@AuthenticationPrincipal ConsoleUser user, @RequestParam Map<String, String> parameters,
                 HttpServletResponse response, Model model) {
        Map<String, String> filters = filters(parameters);
        model.addAttribute("filters", filters);
        model.addAttribute("actions", ACTIONS);
        model.addAttribute("exportQuery", exportQuery(filters));
        try {
            Page<AuditEntry> page = query.audit(user.token(), apiFilters(filters), parameters.get("cursor"),
                    properties.pageSize());
            model.addAttribute("entries", page.items());
            model.addAttribute("nextCursor", page.nextCursor());
            model.addAttribute("problems", FieldProblems.none());
        } catch (ApiRefusal refusal) {
            response.setStatus(refusal.problem().status());
            model.addAttribute("entries", List.of());
            model.addAttribute("problems", FieldProblems.of(refusal.problem(), Set.copyOf(FILTERS)));
        }
        return "audit";
    }

    @GetMapping("/audit/export.csv")
    void csv(@AuthenticationPrincipal ConsoleUser user, @RequestParam Map<String, String> parameters,
             HttpServletResponse response) throws IOException {
        export(user, parameters, response, MediaType.parseMediaType("text/csv;charset=UTF-8"), "audit.csv");
    }

    @GetMapping("/audit/export.ndjson")
    void ndjson(@AuthenticationPrincipal ConsoleUser user, @RequestParam Map<String, String> parameters,
                HttpServletResponse response) throws IOException {
        export(user, parameters, response, NDJSON, "audit.ndjson");
    }

    private void export(ConsoleUser user, Map<String, String> parameters, HttpServletResponse response,
                        MediaType format, String fileName) throws IOException {
        response.setContentType(format.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        query.exportAudit(user.token(), apiFilters(filters(parameters)), format, response.getOutputStream());
    }

    private static Map<String, String> filters(Map<String, String> parameters) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = parameters.get(name);
            filters.put(name, value == null ? "" : value.strip());
        }
        return filters;
    }

    private static Map<String, String> apiFilters(Map<String, String> filters) {
        Map<String, String> api = new LinkedHashMap<>(filters);
        api.computeIfPresent("since", (k, v) -> utc(v));
        api.computeIfPresent("until", (k, v) -> utc(v));
        return api;
    }

    static String utc(String time) {
        if (LOCAL_MINUTES.matcher(time).matches()) {
            return time + ":00Z";
        }
        return LOCAL_SECONDS.matcher(time).matches() ? time + "Z" : time;
    }

    private static String exportQuery(Map<String, String> filters) {
        StringBuilder query = new StringBuilder();
        filters.forEach((name, value) -> {
            if (!value.isEmpty()) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
