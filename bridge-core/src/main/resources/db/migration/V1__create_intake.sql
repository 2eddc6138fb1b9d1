-- Durable intake of homeserver transactions.
-- A transaction costs one row and one commit: its body is stored as received and its events are derived from it
-- when they are dispatched. Progress is kept per room (events of one room are handled strictly in order), so
-- marking events done costs one small upsert per room touched, not a row per event.

CREATE TABLE as_transaction (
    -- Arrival order, assigned by the bridge; events are dispatched in (seq, index in body) order.
    seq          BIGINT       NOT NULL PRIMARY KEY,
    txn_id       VARCHAR(255) NOT NULL,
    -- The transaction's JSON as received; NULL once every event in it has been handled.
    body         TEXT,
    event_count  INTEGER      NOT NULL,
    received_at  BIGINT       NOT NULL,
    completed_at BIGINT,
    CONSTRAINT as_transaction_txn_id_key UNIQUE (txn_id)
);

CREATE INDEX as_transaction_pending_idx ON as_transaction (completed_at, seq);

-- The last event handled in each room: everything at or before (txn_seq, event_index) in that room is done.
CREATE TABLE intake_room_progress (
    room_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    txn_seq     BIGINT       NOT NULL,
    event_index INTEGER      NOT NULL,
    updated_at  BIGINT       NOT NULL
);
