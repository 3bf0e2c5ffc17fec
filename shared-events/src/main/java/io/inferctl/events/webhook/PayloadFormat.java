package io.inferctl.events.webhook;

/** The shape of the body a webhook integration accepts. */
public enum PayloadFormat {
    /** A Weights &amp; Biases automation: {@code event_type}, {@code artifact_version_string}, {@code alias}. */
    WANDB,
    /** Any registry or CI: {@code source}, optional {@code revision} and {@code alias}. */
    GENERIC
}
