package io.inferctl.command.webhook.delivery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.inferctl.command.endpoint.EndpointPolicy;
import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.events.webhook.PayloadFormat;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the artifact a delivery announces, per payload format, and checks it by the same rules as
 * the API's {@code model.source} and {@code model.revision}; refusals name the payload's own fields.
 *
 * <ul>
 *   <li>{@code WANDB}: the JSON a W&amp;B automation's payload template makes of {@code ${event_type}},
 *       {@code ${artifact_version_string}} ({@code entity/project/artifact:v3}) and {@code ${alias}}.
 *       Other fields are allowed (the template is the user's), other event types ignored.</li>
 *   <li>{@code GENERIC}: {@code source}, optional {@code revision} and {@code alias}, nothing else.</li>
 * </ul>
 */
@Component
public class ArtifactPayloads {

    /** The W&amp;B automation events that mean "this artifact version is ready". */
    static final Set<String> WANDB_ARTIFACT_EVENTS = Set.of("ADD_ARTIFACT_ALIAS", "LINK_ARTIFACT", "LINK_MODEL");
    static final String WANDB_SCHEME = "wandb://";
    private static final Set<String> GENERIC_FIELDS = Set.of("source", "revision", "alias");
    private static final String MODEL_SOURCE = "config.model.source";
    private static final String MODEL_REVISION = "config.model.revision";

    private final ObjectMapper json = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private final EndpointPolicy policy;

    ArtifactPayloads(EndpointPolicy policy) {
        this.policy = policy;
    }

    public Artifact read(PayloadFormat format, String aliasFilter, byte[] body) {
        JsonNode root = parse(body);
        return switch (format) {
            case WANDB -> wandb(root, aliasFilter);
            case GENERIC -> generic(root, aliasFilter);
        };
    }

    private Artifact wandb(JsonNode root, String aliasFilter) {
        String eventType = requiredText(root, "event_type");
        if (!WANDB_ARTIFACT_EVENTS.contains(eventType)) {
            return new Artifact(null, null, "event_type " + eventType + " is not one of " + WANDB_ARTIFACT_EVENTS);
        }
        String source = WANDB_SCHEME + requiredText(root, "artifact_version_string");
        String alias = optionalText(root, "alias");
        check(source, null, "artifact_version_string", "revision");
        return new Artifact(source, null, filtered(alias, aliasFilter));
    }

    private Artifact generic(JsonNode root, String aliasFilter) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!GENERIC_FIELDS.contains(name)) {
                throw DeliveryRefusedException.malformed(name, "is not a field of the generic payload "
                        + "(source, revision, alias)");
            }
        }
        String source = requiredText(root, "source");
        String revision = optionalText(root, "revision");
        String alias = optionalText(root, "alias");
        check(source, revision, "source", "revision");
        return new Artifact(source, revision, filtered(alias, aliasFilter));
    }

    private void check(String source, String revision, String sourceField, String revisionField) {
        List<FieldViolation> violations = new ArrayList<>();
        for (FieldViolation v : policy.checkArtifact(source, revision)) {
            if (v.field().equals(MODEL_SOURCE)) {
                violations.add(new FieldViolation(sourceField, v.reason()));
            } else if (v.field().equals(MODEL_REVISION)) {
                violations.add(new FieldViolation(revisionField, v.reason()));
            }
        }
        if (!violations.isEmpty()) {
            throw DeliveryRefusedException.invalid(violations);
        }
    }

    private static String filtered(String alias, String aliasFilter) {
        if (aliasFilter == null || aliasFilter.equals(alias)) {
            return null;
        }
        return "alias " + (alias == null ? "(none)" : "'" + alias + "'") + " is not '" + aliasFilter
                + "', the alias this integration deploys";
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw DeliveryRefusedException.malformed("body", "is empty; send the payload as a JSON object");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw DeliveryRefusedException.malformed("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw DeliveryRefusedException.malformed("body", "must be a JSON object");
        }
        return root;
    }

    private static String requiredText(JsonNode root, String field) {
        String value = optionalText(root, field);
        if (value == null) {
            throw DeliveryRefusedException.invalid(List.of(new FieldViolation(field, "is required")));
        }
        return value;
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw DeliveryRefusedException.malformed(field, "must be a string");
        }
        return node.asText();
    }
}
