-- Read models projected from the endpoint-events topic. No foreign keys and no sequences: a rebuild
-- copies these tables with CREATE TABLE ... (LIKE ... INCLUDING ALL), fills the copies from the
-- beginning of the topic and swaps them in by renaming, so every table must stand alone.

CREATE TABLE endpoint (
    endpoint_id            text        PRIMARY KEY,
    name                   text        NOT NULL,
    status                 text        NOT NULL,
    current_version        integer,
    latest_version         integer     NOT NULL,
    in_progress_version    integer,
    in_progress_status     text,
    in_progress_phase      text,
    cancellation_requested boolean     NOT NULL DEFAULT false,
    last_sequence          bigint      NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    deleted_at             timestamptz,
    deleted_by             text
);
-- GET /v1/endpoints pages by (name, endpoint_id), with or without a status filter.
CREATE INDEX endpoint_by_name ON endpoint (name, endpoint_id);
CREATE INDEX endpoint_by_status_name ON endpoint (status, name, endpoint_id);

-- Newest-first keyset pages read the primary key backwards: no OFFSET, no sort.
CREATE TABLE endpoint_version (
    endpoint_id            text        NOT NULL,
    version                integer     NOT NULL,
    status                 text        NOT NULL,
    phase                  text,
    origin                 text        NOT NULL,
    rollback_of            integer,
    created_by             text        NOT NULL,
    created_at             timestamptz NOT NULL,
    comment                text,
    config                 jsonb       NOT NULL,
    changes                jsonb       NOT NULL,
    failure_category       text,
    failure_code           text,
    failure_message        text,
    failure_step           text,
    cancellation_requested boolean     NOT NULL DEFAULT false,
    timeline               jsonb       NOT NULL,
    PRIMARY KEY (endpoint_id, version)
);

-- One entry per accepted command and per rollout outcome. The id is the event's id, so a rebuild
-- produces the same ids and cursors stay valid across it.
CREATE TABLE audit_entry (
    id             text        PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    actor          text        NOT NULL,
    action         text        NOT NULL,
    endpoint_id    text        NOT NULL,
    endpoint_name  text        NOT NULL,
    version        integer,
    changed_fields text[]      NOT NULL,
    comment        text,
    detail         text
);
-- Newest-first keyset pages over (occurred_at, id), unfiltered or filtered by one column.
CREATE INDEX audit_by_time ON audit_entry (occurred_at, id);
CREATE INDEX audit_by_actor ON audit_entry (actor, occurred_at, id);
CREATE INDEX audit_by_endpoint ON audit_entry (endpoint_id, occurred_at, id);
CREATE INDEX audit_by_action ON audit_entry (action, occurred_at, id);

-- Every event id received, applied or parked: a redelivered record is recognised before anything else.
CREATE TABLE processed_event (
    event_id    text   PRIMARY KEY,
    endpoint_id text   NOT NULL,
    sequence    bigint NOT NULL
);

-- Events that arrived before their predecessor (a sequence gap). They wait here and are applied,
-- in order, in the batch that brings the missing event.
CREATE TABLE parked_event (
    endpoint_id text        NOT NULL,
    sequence    bigint      NOT NULL,
    event_id    text        NOT NULL,
    event_time  timestamptz NOT NULL,
    event_type  text        NOT NULL,
    payload     jsonb       NOT NULL,
    parked_at   timestamptz NOT NULL,
    PRIMARY KEY (endpoint_id, sequence)
);
