-- The version each version was built from (the command side's EndpointVersionCreated revision 2): a
-- change builds on the version serving traffic unless its caller names another, and its changes
-- compare with that version. Every version projected before was built on the one before it, which is
-- what a revision-1 event means, so the existing rows get exactly that.
ALTER TABLE endpoint_version ADD COLUMN based_on integer;
UPDATE endpoint_version SET based_on = version - 1 WHERE version > 0;
