-- Values a connector keeps in the bridge's database instead of files of its own (e.g. WhatsApp's signal keys and
-- LID ⇄ phone-number mappings), by network, login and name. `login_id` is '' for values of the whole network.
-- `content` is AES-256-GCM sealed with bridge.secret_key and bound to its row, like user_login.secret; base64.
CREATE TABLE connector_state (
    network    VARCHAR(64)  NOT NULL,
    login_id   VARCHAR(255) NOT NULL,
    name       VARCHAR(512) NOT NULL,
    content    TEXT         NOT NULL,
    updated_at BIGINT       NOT NULL,
    CONSTRAINT connector_state_pkey PRIMARY KEY (network, login_id, name)
);
