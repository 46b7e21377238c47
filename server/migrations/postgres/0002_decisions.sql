-- Team decisions. Tokens are stored as SHA-256 hashes only. Flags and counters
-- are BIGINT, as SQLite's INTEGER, so both back ends decode the same way.
CREATE TABLE decisions (
    id                TEXT PRIMARY KEY NOT NULL,
    title             TEXT NOT NULL,
    context           TEXT NOT NULL,
    anonymous         BIGINT NOT NULL,
    owner_token_hash  TEXT NOT NULL,
    closed            BIGINT NOT NULL DEFAULT 0,
    revision          BIGINT NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
);

-- `rowid` keeps the join order, as SQLite's implicit rowid does.
CREATE TABLE decision_members (
    rowid            BIGINT GENERATED ALWAYS AS IDENTITY,
    id               TEXT PRIMARY KEY NOT NULL,
    decision_id      TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    edit_token_hash  TEXT NOT NULL,
    assessment_id    TEXT REFERENCES assessments(id),
    joined_at        TEXT NOT NULL
);

CREATE INDEX decision_members_by_decision ON decision_members (decision_id, joined_at);
