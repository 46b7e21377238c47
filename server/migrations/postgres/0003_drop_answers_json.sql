-- The answers are inside `result_json` (the snapshot); this copy was written
-- and never read.
ALTER TABLE assessments DROP COLUMN answers_json;
