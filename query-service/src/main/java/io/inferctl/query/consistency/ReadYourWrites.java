package io.inferctl.query.consistency;

import io.inferctl.query.web.BadParameterException;

/**
 * The two ways a reader passes the sequence of a command it just saw accepted: the query parameter
 * {@value #PARAMETER} or the header {@value #HEADER}. Both may be given; the higher one counts.
 */
public final class ReadYourWrites {

    public static final String PARAMETER = "minSequence";
    public static final String HEADER = "Min-Sequence";

    private ReadYourWrites() {
    }

    /** Waits until the endpoint's read model reflects the asked-for sequence; returns at once when none is asked for. */
    public static void await(ProjectionPositions positions, String endpointId, Long parameter, Long header) {
        check(PARAMETER, parameter);
        check(HEADER, header);
        if (parameter != null || header != null) {
            long wanted = Math.max(parameter == null ? -1 : parameter, header == null ? -1 : header);
            positions.awaitSequence(endpointId, wanted);
        }
    }

    private static void check(String name, Long value) {
        if (value != null && value < 0) {
            throw new BadParameterException(name, "must be 0 or more (the sequence from a command's answer)");
        }
    }
}
