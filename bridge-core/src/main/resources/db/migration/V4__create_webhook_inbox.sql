-- Durable intake of webhooks from networks (e.g. the Messenger Platform): like homeserver transactions, a delivery
-- is stored in one commit before it is answered 200, handed to its connector in arrival order, and marked done once
-- handled. A restart hands the deliveries not done again.

CREATE TABLE webhook_delivery (
    -- Arrival order, assigned by the bridge.
    seq          BIGINT       NOT NULL,
    -- The connector id the delivery is for.
    network      VARCHAR(64)  NOT NULL,
    -- The path below /_passerelle/webhook/{network} it was posted to ("" for the network's root).
    path         VARCHAR(255) NOT NULL,
    -- SHA-256 of the body, hex: a delivery the network sends again (same bytes) is recognised and not stored twice.
    body_sha256  VARCHAR(64)  NOT NULL,
    -- The body as received (UTF-8); NULL once handled.
    body         TEXT,
    received_at  BIGINT       NOT NULL,
    done_at      BIGINT,
    CONSTRAINT webhook_delivery_pkey PRIMARY KEY (seq),
    CONSTRAINT webhook_delivery_body_key UNIQUE (network, body_sha256)
);

CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (network, done_at, seq);
