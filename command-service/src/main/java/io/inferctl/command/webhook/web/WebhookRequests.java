package io.inferctl.command.webhook.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.endpoint.web.constraints.Comment;
import io.inferctl.command.endpoint.web.constraints.Name;
import io.inferctl.events.webhook.PayloadFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the integration API; unknown fields are refused by the strict JSON reader. */
final class WebhookRequests {

    private static final String REQUIRED = "is required";
    private static final int MAX_NAME = 63;
    private static final int MAX_ALIAS = 200;

    private WebhookRequests() {
    }

    /**
     * Exactly one of {@code endpointId} (an existing endpoint) and {@code endpoint} (the name and
     * template configuration of the endpoint the first delivery creates).
     */
    record CreateIntegration(
            @NotBlank(message = REQUIRED)
            @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?", message = "must be a DNS label: lower-case letters, "
                    + "digits and '-', starting and ending with a letter or digit")
            @Size(max = MAX_NAME, message = "must be at most " + MAX_NAME + " characters") String name,
            @NotNull(message = REQUIRED) PayloadFormat format,
            String endpointId,
            @Valid NewEndpoint endpoint,
            @Valid Filter filter) {
    }

    /** {@code config} is a full configuration; each delivery's artifact replaces its model source and revision. */
    record NewEndpoint(@NotBlank(message = REQUIRED) String name, @NotNull(message = REQUIRED) JsonNode config) {
    }

    /** Deliveries naming another alias are answered 200 "ignored". */
    record Filter(@Name(max = MAX_ALIAS) String alias) {
    }

    record Change(@Comment String comment) {
    }
}
