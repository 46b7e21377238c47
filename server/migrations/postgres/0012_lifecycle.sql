-- Decisions that stay decided. A decision's status moves
-- proposed -> accepted | rejected, accepted -> deprecated | superseded.
-- `review_by` (a date, YYYY-MM-DD) is set when it is accepted; `review_due`
-- is set when that date passes or a recorded fact changes a recommendation,
-- and cleared when the owner reviews it. `listed`: shown in the decision log
-- (the owner may keep a decision unlisted). `tags`: the owner's labels, one
-- per line, for filtering the log.
ALTER TABLE decisions ADD COLUMN status TEXT NOT NULL DEFAULT 'proposed';
ALTER TABLE decisions ADD COLUMN status_at TEXT;
ALTER TABLE decisions ADD COLUMN review_by TEXT;
ALTER TABLE decisions ADD COLUMN review_due BIGINT NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN listed BIGINT NOT NULL DEFAULT 1;
ALTER TABLE decisions ADD COLUMN tags TEXT NOT NULL DEFAULT '';

-- "superseded_id is superseded by superseding_id". A decision may be
-- superseded by several; both directions are read from this one table.
CREATE TABLE decision_links (
    superseded_id   TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    superseding_id  TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (superseded_id, superseding_id)
);
CREATE INDEX decision_links_by_superseding ON decision_links (superseding_id);
CREATE INDEX decisions_by_status ON decisions (status, review_by);
