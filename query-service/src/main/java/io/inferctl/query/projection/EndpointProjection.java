package io.inferctl.query.projection;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.query.projection.model.EndpointRow;

/** The endpoints read model: status, current version, version in progress and its phase. */
final class EndpointProjection {

    void on(EndpointEvent event, ProjectionBatch batch) {
        String id = event.endpointId();
        if (event instanceof EndpointVersionCreated created) {
            if (batch.endpoint(id) == null) {
                batch.addEndpoint(EndpointRow.firstVersionCreated(created));
            } else {
                batch.changeEndpoint(id).versionCreated(created);
            }
        } else if (event instanceof RolloutStarted started) {
            batch.changeEndpoint(id).rolloutStarted(started);
        } else if (event instanceof RolloutProgressed progressed) {
            batch.changeEndpoint(id).rolloutProgressed(progressed);
        } else if (event instanceof RolloutSucceeded succeeded) {
            batch.changeEndpoint(id).rolloutSucceeded(succeeded);
        } else if (event instanceof RolloutFailed failed) {
            batch.changeEndpoint(id).rolloutFailed(failed);
        } else if (event instanceof RolloutCancellationRequested requested) {
            batch.changeEndpoint(id).cancellationRequested(requested);
        } else if (event instanceof RolloutCancelled cancelled) {
            batch.changeEndpoint(id).rolloutCancelled(cancelled);
        } else if (event instanceof EndpointDeleted deleted) {
            batch.changeEndpoint(id).deleted(deleted);
        }
    }
}
