-- Team decisions people can trust: owners and members tied to a signed-in
-- identity (when the proxy signs people in), an invite the owner can replace
-- (without sign-in), removed members kept out, and a history of owner actions.
ALTER TABLE decisions ADD COLUMN owner_identity TEXT;
-- Shown to the owner on their page at any time, so kept as it is; it only lets
-- people join. NULL: no invite yet (the owner makes one).
ALTER TABLE decisions ADD COLUMN invite_token TEXT;
ALTER TABLE decision_members ADD COLUMN identity TEXT;
ALTER TABLE decision_members ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX decision_members_one_per_identity ON decision_members (decision_id, identity);

CREATE TABLE decision_events (
    decision_id  TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    action       TEXT NOT NULL
);
CREATE INDEX decision_events_by_decision ON decision_events (decision_id);
