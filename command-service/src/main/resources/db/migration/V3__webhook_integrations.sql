-- Webhook integrations as a table, written in the same transaction as the integration's events:
-- what a delivery needs to find its endpoint, and where integration names are unique.
CREATE TABLE webhook_integration (
    integration_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    name           VARCHAR(63)  NOT NULL,
    endpoint_id    VARCHAR(64)  NOT NULL,
    endpoint_name  VARCHAR(63)  NOT NULL,
    template       JSONB,
    format         VARCHAR(16)  NOT NULL,
    alias_filter   VARCHAR(200),
    status         VARCHAR(16)  NOT NULL,
    created_by     VARCHAR(200) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);

CREATE UNIQUE INDEX uq_webhook_integration_live_name ON webhook_integration (name) WHERE status <> 'DELETED';

-- Signing secrets, AES-GCM encrypted with a key from configuration (never in an event, never in
-- plain text). A rotated-out secret keeps verifying until valid_until; NULL means current.
CREATE TABLE webhook_secret (
    integration_id VARCHAR(64) NOT NULL REFERENCES webhook_integration ON DELETE CASCADE,
    secret_version INT         NOT NULL,
    ciphertext     BYTEA       NOT NULL,
    valid_until    TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, secret_version)
);

-- One row per delivery (integration, webhook-id): its outcome and the answer it got. A final
-- outcome is answered again to every retry of the same webhook-id; a retryable one (409) is
-- evaluated anew and the row updated.
CREATE TABLE webhook_delivery (
    integration_id  VARCHAR(64)  NOT NULL,
    webhook_id      VARCHAR(200) NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL,
    last_attempt_at TIMESTAMPTZ  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 1,
    outcome         VARCHAR(32)  NOT NULL,
    final           BOOLEAN      NOT NULL,
    status          INT          NOT NULL,
    endpoint_id     VARCHAR(64),
    version         INT,
    artifact        VARCHAR(1000),
    request_hash    CHAR(64)     NOT NULL,
    answer          JSONB        NOT NULL,
    PRIMARY KEY (integration_id, webhook_id)
);

CREATE INDEX idx_webhook_delivery_recent ON webhook_delivery (integration_id, received_at DESC, webhook_id);
