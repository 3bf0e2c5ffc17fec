package io.inferctl.query.projection.kafka;

import io.cloudevents.CloudEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.stream.EndpointCloudEvents;
import io.inferctl.stream.StreamedEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    private static final EndpointCloudEvents CLOUD_EVENTS = new EndpointCloudEvents(URI.create("/test"),
            "http://localhost/schemas/");

    @Test
    void anEventWithNulInItsCommentAndConfigDecodesWithReplacementsAndKeepsItsIdAndSequence() {
        EndpointConfig config = new EndpointConfig(new ModelSpec("Llama\u0000-8B", "hf://meta/llama", null),
                new AcceleratorSpec("NVIDIA_H100", 1), EndpointHistory.BASE_CONFIG.autoscaling(),
                EndpointHistory.BASE_CONFIG.engine());
        StreamedEvent original = EndpointHistory.of("nul\u0000name").created(config, "a\u0000b\u0085c").events().get(0);
        CloudEvent encoded = CLOUD_EVENTS.encode(original);
        assertThat(new String(encoded.getData().toBytes(), StandardCharsets.UTF_8)).contains("a\\u0000b");

        StreamedEvent decoded = EndpointCloudEvents.decode(StorableText.of(encoded));

        EndpointVersionCreated created = (EndpointVersionCreated) decoded.event();
        assertThat(created.comment()).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(created.name()).isEqualTo("nul\uFFFDname");
        assertThat(created.config().model().name()).isEqualTo("Llama\uFFFD-8B");
        assertThat(decoded.eventId()).isEqualTo(original.eventId());
        assertThat(decoded.sequence()).isEqualTo(original.sequence());
        assertThat(decoded.time()).isEqualTo(original.time());
    }

    @Test
    void anEventWithStorableTextIsLeftAsItWas() {
        CloudEvent encoded = CLOUD_EVENTS.encode(EndpointHistory.of("plain").created().events().get(0));

        assertThat(StorableText.of(encoded)).isSameAs(encoded);
    }

    @Test
    void aBodyThatOnlyLooksSuspiciousIsLeftAsItWas() {
        CloudEvent encoded = CLOUD_EVENTS.encode(EndpointHistory.of("slash")
                .created(EndpointHistory.BASE_CONFIG, "C:\\users\\bob and \u00e9").events().get(0));
        assertThat(StorableText.mayHoldUnstorable(encoded.getData().toBytes())).isTrue();

        assertThat(StorableText.of(encoded)).isSameAs(encoded);
    }
}
