-- A canary's share of traffic (RolloutProgressed revision 2, phase CANARY), on the version and on
-- the endpoint's version in progress; null in every other phase. Rows projected before were never
-- in a canary, so null is their true value and nothing needs a backfill.
ALTER TABLE endpoint_version ADD COLUMN canary_percent integer;
ALTER TABLE endpoint ADD COLUMN in_progress_canary_percent integer;
