-- The wizard's drafts, kept on the server: eight workloads with long names
-- outgrow a cookie. The browser holds only the draft's id; a draft untouched
-- for 30 days is removed.
CREATE TABLE drafts (
    id          TEXT PRIMARY KEY NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX drafts_by_age ON drafts (updated_at);
