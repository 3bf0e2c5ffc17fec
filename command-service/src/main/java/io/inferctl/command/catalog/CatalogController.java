package io.inferctl.command.catalog;

import io.inferctl.command.endpoint.EndpointPolicy;
import io.inferctl.command.endpoint.EndpointPolicyProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog a client builds its forms from (the console's create and update forms, the command
 * line's completions), read from the same policy that checks every change, so the two cannot differ.
 */
@RestController
@Tag(name = "Catalog")
public class CatalogController {

    private final Catalog catalog;

    public CatalogController(EndpointPolicyProperties properties, EndpointPolicy policy) {
        // The policy is fixed for the life of the process: one answer, built once.
        this.catalog = Catalog.of(properties, policy);
    }

    @GetMapping("/v1/catalog")
    @Operation(summary = "What an endpoint may be: accelerator types and counts, model-source schemes, defaults, bounds")
    public Catalog catalog() {
        return catalog;
    }
}
