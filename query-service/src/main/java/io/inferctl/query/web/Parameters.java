package io.inferctl.query.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Parses query parameters with answers that name the parameter and say what it must be. */
public final class Parameters {

    private Parameters() {
    }

    public static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter,
                    "must be an ISO-8601 date-time with an offset, e.g. 2026-01-31T09:00:00Z");
        }
    }

    public static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            throw new BadParameterException(parameter, "must be one of " + names);
        }
    }
}
