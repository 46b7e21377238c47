-- Who created a result, when the proxy signs people in: shown to that person
-- only, never on the shared page. NULL when nobody was signed in.
ALTER TABLE assessments ADD COLUMN created_by TEXT;
