-- A history page hands each version's snapshot, changes and timeline to the client as they are
-- stored. jsonb would have to be printed from its binary form and reorders keys, so the API would
-- have to parse and re-render it; json keeps the text the projector rendered, which is exactly the
-- API's form. Rows projected before this migration keep jsonb's printing (same values, keys in
-- jsonb's order) until the next rebuild renders them again.
ALTER TABLE endpoint_version
    ALTER COLUMN config TYPE json USING config::json,
    ALTER COLUMN changes TYPE json USING changes::json,
    ALTER COLUMN timeline TYPE json USING timeline::json;

-- Audit pages filtered by two columns: without these, an endpoint's or an actor's entries are read
-- newest first and the other filter is checked row by row, which for a rare action reads much of
-- the endpoint's or actor's history to fill one page. With them every combination of endpoint,
-- actor and action (plus since/until and the cursor on occurred_at, id) is one index range, read
-- backwards, that stops after the page.
CREATE INDEX audit_by_endpoint_action ON audit_entry (endpoint_id, action, occurred_at, id);
CREATE INDEX audit_by_actor_action ON audit_entry (actor, action, occurred_at, id);
CREATE INDEX audit_by_endpoint_actor ON audit_entry (endpoint_id, actor, occurred_at, id);
