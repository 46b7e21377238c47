-- Removing results. A result its creator deleted keeps its id (so its link
-- answers 410 Gone) but nothing else; examples are kept by retention.
ALTER TABLE assessments ADD COLUMN delete_token_hash TEXT;
ALTER TABLE assessments ADD COLUMN deleted_at TEXT;
ALTER TABLE assessments ADD COLUMN kept BIGINT NOT NULL DEFAULT 0;
CREATE INDEX assessments_by_age ON assessments (created_at);
