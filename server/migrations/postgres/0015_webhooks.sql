-- Webhooks: each event in the outbox becomes one delivery per target (the
-- server's webhook, the decision's own), tried until the receiver answers 2xx
-- or a day has passed. Every attempt is kept for the owner's delivery log.
-- Rows go with their decision (deleted with it, see `delete_decision`).

-- A decision's own webhook, set by its owner. The secret is the server's
-- (`whsec_` + base64) and must be readable to sign with, so it is stored as is.
CREATE TABLE decision_webhooks (
    decision_id  TEXT PRIMARY KEY NOT NULL,
    url          TEXT NOT NULL,
    secret       TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- 1 once the event's deliveries exist: an event is turned into deliveries once.
ALTER TABLE outbox ADD COLUMN dispatched BIGINT NOT NULL DEFAULT 0;
CREATE INDEX outbox_undispatched ON outbox (dispatched, seq);

-- `target` is 'server' or 'decision'. `state`: 'pending', 'delivered' or
-- 'failed' (given up). `next_at`, `first_at`: milliseconds since 1970; while
-- an instance is sending, `next_at` is pushed past the attempt (a lease), so
-- no other instance takes the same delivery.
CREATE TABLE webhook_deliveries (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     TEXT NOT NULL,
    decision_id  TEXT NOT NULL,
    target       TEXT NOT NULL,
    url          TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending',
    attempts     BIGINT NOT NULL DEFAULT 0,
    first_at     BIGINT NOT NULL,
    next_at      BIGINT NOT NULL,
    UNIQUE (event_id, target)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX webhook_deliveries_by_decision ON webhook_deliveries (decision_id);

-- One row per attempt: its time, the HTTP status or the error, and what
-- comes next (a time, 'delivered' or 'given up').
CREATE TABLE webhook_attempts (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id  BIGINT NOT NULL,
    decision_id  TEXT NOT NULL,
    at           TEXT NOT NULL,
    status       BIGINT,
    error        TEXT,
    next         TEXT NOT NULL
);
CREATE INDEX webhook_attempts_by_decision ON webhook_attempts (decision_id, id);
