-- A version's timeline as rows of its own, only ever appended to, instead of a JSON array that each
-- rollout event edited as text. ordinal numbers a version's steps from 0 in the order they happened;
-- endpoint_version.timeline_length says where the next one goes, so appending reads nothing back.
-- A step is kept as the JSON text the API hands out (json, not jsonb, as in V2), so a history page
-- joins the steps' text into the array it serves without parsing or rendering them.
CREATE TABLE version_timeline (
    endpoint_id text    NOT NULL,
    version     integer NOT NULL,
    ordinal     integer NOT NULL,
    step        json    NOT NULL,
    PRIMARY KEY (endpoint_id, version, ordinal)
);

INSERT INTO version_timeline (endpoint_id, version, ordinal, step)
SELECT v.endpoint_id, v.version, step.ordinality - 1, step.entry
FROM endpoint_version v
CROSS JOIN LATERAL json_array_elements(v.timeline) WITH ORDINALITY AS step(entry, ordinality)
ORDER BY v.endpoint_id, v.version, step.ordinality;

ALTER TABLE endpoint_version ADD COLUMN timeline_length integer;
UPDATE endpoint_version SET timeline_length = json_array_length(timeline);
ALTER TABLE endpoint_version ALTER COLUMN timeline_length SET NOT NULL;
ALTER TABLE endpoint_version DROP COLUMN timeline;
