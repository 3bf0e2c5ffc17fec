package io.inferctl.command.webhook.delivery;

/** What became of a delivery. Only {@link #REFUSED} is evaluated anew when the same webhook-id comes again. */
public enum DeliveryOutcome {
    ENDPOINT_CREATED,
    VERSION_CREATED,
    NO_CHANGE,
    IGNORED,
    REFUSED;

    public boolean isFinal() {
        return this != REFUSED;
    }
}
