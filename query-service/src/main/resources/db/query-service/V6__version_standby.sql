-- A superseded version the rollout worker keeps warm (VersionStandbyStarted), until when and on how
-- many replicas; both null when it is not warm. Versions projected before were never warm.
ALTER TABLE endpoint_version ADD COLUMN warm_until timestamptz;
ALTER TABLE endpoint_version ADD COLUMN standby_replicas integer;
