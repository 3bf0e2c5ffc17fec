package io.inferctl.worker.rollout;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import jakarta.annotation.Nonnull;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.saga.AssociationResolver;

/**
 * Associates a rollout saga with one version of one endpoint ({@code <endpointId>/<version>}). The
 * endpoint id alone would not do: while one version drains its predecessor, the next version's
 * rollout of the same endpoint already runs in a saga of its own.
 */
public class RolloutAssociation implements AssociationResolver {

    public static String of(String endpointId, int version) {
        return endpointId + "/" + version;
    }

    public static String of(VersionRef version) {
        return of(version.endpointId(), version.version());
    }

    @Override
    public <T> void validate(@Nonnull String associationPropertyName, @Nonnull MessageHandlingMember<T> handler) {
        Class<?> payload = handler.payloadType();
        if (payload != EndpointVersionCreated.class && payload != RolloutCancellationRequested.class
                && payload != CanaryPromotionRequested.class) {
            throw new IllegalArgumentException("no rollout association for " + payload.getName());
        }
    }

    @Override
    public <T> Object resolve(@Nonnull String associationPropertyName, @Nonnull EventMessage<?> message,
                              @Nonnull MessageHandlingMember<T> handler) {
        Object payload = message.getPayload();
        if (payload instanceof EndpointVersionCreated created) {
            return of(created.endpointId(), created.version());
        }
        if (payload instanceof RolloutCancellationRequested cancel) {
            return of(cancel.endpointId(), cancel.version());
        }
        if (payload instanceof CanaryPromotionRequested promotion) {
            return of(promotion.endpointId(), promotion.version());
        }
        return null;
    }
}
