-- Events the live projection dead-lettered because the database refused them (e.g. a value that
-- overflows a column). Not a read model, so a rebuild keeps it: the rebuild refuses the same events
-- instead of failing on them, and its endpoints move past them as the live ones did.
CREATE TABLE refused_event (
    event_id   text        PRIMARY KEY,
    reason     text        NOT NULL,
    refused_at timestamptz NOT NULL
);
