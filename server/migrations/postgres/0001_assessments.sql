-- One row per stored result. Rows are never updated: a result link renders the
-- same forever from `result_json`, whatever happens to the questionnaire later.
-- Same columns as the SQLite schema, so one set of queries serves both.
CREATE TABLE assessments (
    id                     TEXT PRIMARY KEY NOT NULL,
    questionnaire_version  TEXT NOT NULL,
    questionnaire_hash     TEXT NOT NULL,
    answers_json           TEXT NOT NULL,
    result_json            TEXT NOT NULL,
    created_at             TEXT NOT NULL
);
