-- Watched facts: each fact the owner records about a decision (question id ->
-- option id, as JSON), what re-scoring the team's answers with it changed
-- (before -> after per axis or workload, as JSON), and whether that made the
-- decision due for review.
CREATE TABLE decision_facts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    decision_id  TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    facts        TEXT NOT NULL,
    changes      TEXT NOT NULL,
    triggered    INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX decision_facts_by_decision ON decision_facts (decision_id);

-- Why the decision is due for review, in words (cleared with review_due).
ALTER TABLE decisions ADD COLUMN review_reason TEXT;
-- The review date a "review due" event was raised for: the hourly check
-- raises one per date, not one per hour.
ALTER TABLE decisions ADD COLUMN review_raised_for TEXT;
