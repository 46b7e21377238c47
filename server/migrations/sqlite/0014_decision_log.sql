-- Full-text search of the decision log (title, context, tags) with SQLite's
-- FTS5. The index keeps its own copy of the text, keyed by the decision's id:
-- an external-content index would be keyed by `decisions`' implicit rowid,
-- which VACUUM (and a backup's VACUUM INTO) may renumber, silently pointing
-- the index at other decisions. Triggers keep it in step with every write,
-- in the same transaction. `remove_diacritics 2`: "cafe" finds "café".
CREATE VIRTUAL TABLE decision_search USING fts5(
    decision_id UNINDEXED,
    title,
    context,
    tags,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO decision_search (decision_id, title, context, tags)
    SELECT id, title, context, tags FROM decisions;

CREATE TRIGGER decision_search_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO decision_search (decision_id, title, context, tags) VALUES (new.id, new.title, new.context, new.tags);
END;

CREATE TRIGGER decision_search_update AFTER UPDATE OF title, context, tags ON decisions BEGIN
    DELETE FROM decision_search WHERE decision_id = old.id;
    INSERT INTO decision_search (decision_id, title, context, tags) VALUES (new.id, new.title, new.context, new.tags);
END;

CREATE TRIGGER decision_search_delete AFTER DELETE ON decisions BEGIN
    DELETE FROM decision_search WHERE decision_id = old.id;
END;

-- The log lists newest first.
CREATE INDEX decisions_by_created ON decisions (created_at);
