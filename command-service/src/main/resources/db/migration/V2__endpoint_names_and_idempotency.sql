-- Names are unique among live endpoints: the name becomes the Kubernetes Service name. The row is
-- written in the same transaction that appends the endpoint's first event, and removed in the one
-- that deletes it.
CREATE TABLE endpoint_name (
    name        VARCHAR(63)  NOT NULL PRIMARY KEY,
    endpoint_id VARCHAR(64)  NOT NULL UNIQUE,
    claimed_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The first answer to each (caller, Idempotency-Key), written in the same transaction as the
-- events the request appended, so a retry can never append them twice.
CREATE TABLE idempotency_record (
    principal       VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    result          JSONB        NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);

CREATE INDEX idx_idempotency_record_created_at ON idempotency_record (created_at);
