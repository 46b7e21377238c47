-- Events about decisions (status changed, trigger fired, review due), written
-- in the same transaction as the change that causes them and delivered after
-- commit: an outbox. `id` is the event's stable identity (the webhook id), so
-- a receiver can drop a delivery it has seen. `data` is the event's JSON.
-- Rows are kept after delivery, for the owner's delivery log; they go with
-- their decision.
CREATE TABLE outbox (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    decision_id  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    data         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX outbox_by_decision ON outbox (decision_id);
