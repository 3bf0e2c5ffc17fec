package io.inferctl.events.rollout;

/**
 * The command API's worker-role report endpoints, declared once for the service that answers them and
 * the worker that calls them. Paths are URI templates with {@code {endpointId}} and {@code {version}}.
 */
public final class RolloutReportApi {

    /** Every report is a POST under this path, followed by one of the report paths below. */
    public static final String BASE_PATH = "/v1/internal/endpoints/{endpointId}/versions/{version}/rollout";

    public static final String STARTED = "/started";
    public static final String PROGRESS = "/progress";
    public static final String SUCCEEDED = "/succeeded";
    public static final String FAILED = "/failed";
    public static final String CANCELLED = "/cancelled";

    /** A superseded version's warm standby: a POST under this path, followed by one of the two below. */
    public static final String STANDBY_PATH = "/v1/internal/endpoints/{endpointId}/versions/{version}/standby";
    public static final String STANDBY_STARTED = "/started";
    public static final String STANDBY_ENDED = "/ended";

    /** Longest {@code message} of a progress or failure report; the worker shortens a cluster's longer ones. */
    public static final int MAX_MESSAGE = 2000;
    /** Longest {@code step} of a failure report. */
    public static final int MAX_STEP = 100;

    private RolloutReportApi() {
    }
}
