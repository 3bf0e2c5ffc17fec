package io.inferctl.query.projection;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.VersionStandbyEnded;
import io.inferctl.events.VersionStandbyStarted;
import io.inferctl.query.projection.model.VersionRow;

/** The versions read model: snapshot, metadata, status, phase, failure, warm standby and timeline of each version. */
final class VersionProjection {

    void on(EndpointEvent event, ProjectionBatch batch) {
        String id = event.endpointId();
        if (event instanceof EndpointVersionCreated created) {
            batch.addVersion(VersionRow.created(created));
        } else if (event instanceof RolloutStarted started) {
            batch.changeVersion(id, started.version()).rolloutStarted(started);
        } else if (event instanceof RolloutProgressed progressed) {
            batch.changeVersion(id, progressed.version()).rolloutProgressed(progressed);
        } else if (event instanceof RolloutSucceeded succeeded) {
            batch.changeVersion(id, succeeded.version()).rolloutSucceeded(succeeded);
            if (succeeded.supersededVersion() != null) {
                batch.changeVersion(id, succeeded.supersededVersion()).superseded(succeeded);
            }
        } else if (event instanceof RolloutFailed failed) {
            batch.changeVersion(id, failed.version()).rolloutFailed(failed);
        } else if (event instanceof RolloutCancellationRequested requested) {
            batch.changeVersion(id, requested.version()).cancellationRequested(requested);
        } else if (event instanceof CanaryPromotionRequested promotion) {
            batch.changeVersion(id, promotion.version()).canaryPromotionRequested(promotion);
        } else if (event instanceof RolloutCancelled cancelled) {
            batch.changeVersion(id, cancelled.version()).rolloutCancelled(cancelled);
        } else if (event instanceof VersionStandbyStarted started) {
            batch.changeVersion(id, started.version()).standbyStarted(started);
        } else if (event instanceof VersionStandbyEnded ended) {
            batch.changeVersion(id, ended.version()).standbyEnded(ended);
        }
    }
}
