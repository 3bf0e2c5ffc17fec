package io.inferctl.console.endpoint;

import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.api.ApiViews.Version;
import io.inferctl.console.api.QueryApi;
import org.springframework.stereotype.Component;

/** Reads an {@link Overview} from the query API with the signed-in person's token. */
@Component
public class OverviewReader {

    private final QueryApi query;

    OverviewReader(QueryApi query) {
        this.query = query;
    }

    public Overview read(String token, String endpointId, Long minSequence) {
        return read(token, query.endpoint(token, endpointId, minSequence));
    }

    /** Just the endpoint, whose {@link Overview#fingerprintOf fingerprint} tells whether the rest changed. */
    public Endpoint endpoint(String token, String endpointId) {
        return query.endpoint(token, endpointId, null);
    }

    /** The Overview of an endpoint already read: its serving and latest versions. */
    public Overview read(String token, Endpoint endpoint) {
        String endpointId = endpoint.endpointId();
        Version current = endpoint.currentVersion() == null ? null
                : query.version(token, endpointId, endpoint.currentVersion());
        Version latest = endpoint.latestVersion() == null ? null
                : endpoint.latestVersion().equals(endpoint.currentVersion()) ? current
                : query.version(token, endpointId, endpoint.latestVersion());
        Version inProgress = latest != null && latest.inProgress() ? latest : null;
        return new Overview(endpoint, current, inProgress, latest);
    }
}
