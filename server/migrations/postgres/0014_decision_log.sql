-- Full-text search of the decision log (title, context, tags): a GIN index on
-- the document's tsvector, which the log's query repeats exactly so the planner
-- uses it. An index on the expression rather than a stored tsvector column:
-- the application reads decisions through a driver layer that cannot decode
-- tsvector, so such a column would break every `SELECT *` of a decision. The
-- `simple` configuration (no stemming, no stop words) matches words as they
-- are written, as SQLite's search does.
CREATE INDEX decisions_search ON decisions
    USING GIN (to_tsvector('simple', title || ' ' || context || ' ' || tags));

-- The log lists newest first.
CREATE INDEX decisions_by_created ON decisions (created_at);
