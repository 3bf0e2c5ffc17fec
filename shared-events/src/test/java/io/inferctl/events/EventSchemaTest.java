package io.inferctl.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static List<EndpointEvent> samples() {
        return SampleEvents.all();
    }

    @Test
    void everyCatalogEventHasASample() {
        assertThat(samples().stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(EventCatalog.events());
        assertThat(List.<Class<?>>copyOf(EventCatalog.events()))
                .containsExactlyInAnyOrderElementsOf(concreteEvents(EndpointEvent.class));
    }

    @Test
    void anIntegrationsEventsAreKeyedByTheIntegrationAndAnEndpointsByTheEndpoint() {
        assertThat(samples()).allSatisfy(event -> assertThat(event.streamId())
                .isEqualTo(event instanceof WebhookIntegrationEvent integration ? integration.integrationId()
                        : event.endpointId()));
        assertThat(samples()).filteredOn(WebhookIntegrationEvent.class::isInstance)
                .allSatisfy(event -> assertThat(event.streamId()).isNotEqualTo(event.endpointId()));
    }

    private static List<Class<?>> concreteEvents(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(type -> type.isSealed() ? concreteEvents(type).stream() : java.util.stream.Stream.of(type))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void serializedEventValidatesAgainstItsSchema(EndpointEvent event) {
        JsonNode json = JSON.valueToTree(event);
        assertThat(schemaOf(event.getClass()).validate(json)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void schemaRejectsAnUnknownField(EndpointEvent event) {
        ObjectNode json = JSON.valueToTree(event);
        json.put("surprise", true);
        Set<ValidationMessage> errors = schemaOf(event.getClass()).validate(json);
        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("surprise"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void schemaRequiresEveryRecordComponentAndNothingElse(EndpointEvent event) throws IOException {
        JsonNode schema = readSchema(event.getClass());
        Set<String> components = Arrays.stream(event.getClass().getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet());
        Set<String> properties = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        assertThat(properties).isEqualTo(components);
        assertThat(required).isEqualTo(components);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void eventSurvivesAJsonRoundTrip(EndpointEvent event) throws IOException {
        byte[] json = JSON.writeValueAsBytes(event);
        assertThat(JSON.readValue(json, event.getClass())).isEqualTo(event);
    }

    @Test
    void cloudEventTypeNamesTheRevision() {
        assertThat(EventCatalog.cloudEventType(RolloutFailed.class)).isEqualTo("io.inferctl.endpoint.RolloutFailed.v1");
        assertThat(EventCatalog.byCloudEventType("io.inferctl.endpoint.RolloutFailed.v1")).isEqualTo(RolloutFailed.class);
    }

    private static JsonSchema schemaOf(Class<?> eventType) {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(readSchema(eventType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readSchema(Class<?> eventType) throws IOException {
        String resource = EventCatalog.schemaResource(eventType);
        try (InputStream in = EventSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
