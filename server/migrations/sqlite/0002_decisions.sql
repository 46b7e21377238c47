-- Team decisions. Tokens are stored as SHA-256 hashes only.
CREATE TABLE decisions (
    id                TEXT PRIMARY KEY NOT NULL,
    title             TEXT NOT NULL,
    context           TEXT NOT NULL,
    anonymous         INTEGER NOT NULL,
    owner_token_hash  TEXT NOT NULL,
    closed            INTEGER NOT NULL DEFAULT 0,
    revision          INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
);

CREATE TABLE decision_members (
    id               TEXT PRIMARY KEY NOT NULL,
    decision_id      TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    edit_token_hash  TEXT NOT NULL,
    assessment_id    TEXT REFERENCES assessments(id),
    joined_at        TEXT NOT NULL
);

CREATE INDEX decision_members_by_decision ON decision_members (decision_id, joined_at);
