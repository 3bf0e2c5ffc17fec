package io.inferctl.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.stream.EventJson;

/**
 * Snapshots, changes and parked events are stored in the event contract's own JSON form, which is
 * also the API's: a history page hands the stored text out as it is.
 */
final class StoredJson {

    static final ObjectMapper JSON = EventJson.newMapper();

    private StoredJson() {
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read as " + type.getSimpleName(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read as " + type.getType(), e);
        }
    }
}
