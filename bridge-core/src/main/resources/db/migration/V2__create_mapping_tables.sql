-- What the bridge knows about both sides and how they map onto each other.
-- Portable subset for SQLite and PostgreSQL (and H2, which jOOQ's code generator runs this on): VARCHAR for key and
-- unique columns, TEXT for free text, BIGINT epoch milliseconds for times. Remote ids are opaque strings chosen by
-- the connector; `network` is the connector id ("telegram", "whatsapp", "messenger"). Metadata columns hold JSON
-- that only the connector reads.

-- A Matrix user who has talked to the bridge. Permissions are not cached here: they come from the config each time,
-- so that editing the config takes effect at once.
CREATE TABLE bridge_user (
    mxid               VARCHAR(255) NOT NULL,
    management_room_id VARCHAR(255),
    created_at         BIGINT       NOT NULL,
    CONSTRAINT bridge_user_pkey PRIMARY KEY (mxid),
    CONSTRAINT bridge_user_management_room_key UNIQUE (management_room_id)
);

-- A remote account a Matrix user has logged in with.
CREATE TABLE user_login (
    network       VARCHAR(64)  NOT NULL,
    -- The remote account's own id (a Telegram user id, a WhatsApp JID, a Messenger page id).
    login_id      VARCHAR(255) NOT NULL,
    mxid          VARCHAR(255) NOT NULL,
    remote_name   TEXT         NOT NULL,
    -- connecting, connected, transient_disconnect, bad_credentials, unknown_error, logged_out
    state         VARCHAR(32)  NOT NULL,
    -- The session (keys, cookies, tokens), AES-256-GCM sealed with bridge.secret_key and bound to this row; base64.
    secret        TEXT,
    -- The login's personal Matrix space holding its portals.
    space_room_id VARCHAR(255),
    metadata      TEXT,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    CONSTRAINT user_login_pkey PRIMARY KEY (network, login_id),
    CONSTRAINT user_login_user_fkey FOREIGN KEY (mxid) REFERENCES bridge_user (mxid) ON DELETE CASCADE
);

CREATE INDEX user_login_mxid_idx ON user_login (mxid);

-- A remote chat and the Matrix room it is bridged to (none yet until the room is created).
-- `receiver` is the login id when the chat exists once per login (DMs on most networks) and '' when one room is
-- shared by every login that is in the chat (groups, channels).
CREATE TABLE portal (
    network        VARCHAR(64)  NOT NULL,
    chat_id        VARCHAR(255) NOT NULL,
    receiver       VARCHAR(255) NOT NULL,
    room_id        VARCHAR(255),
    -- dm, group, channel, space ...
    kind           VARCHAR(32)  NOT NULL,
    name           TEXT,
    topic          TEXT,
    avatar_mxc     TEXT,
    -- The remote avatar's id or hash: when it is unchanged the avatar is not downloaded and uploaded again.
    avatar_id      TEXT,
    -- The remote user at the other end of a DM (its ghost gives the room its name and avatar).
    dm_user_id     VARCHAR(255),
    -- A remote parent chat on the same network and receiver (a community, a forum), bridged as a space.
    parent_chat_id VARCHAR(255),
    -- The login that relays messages of Matrix users without a login of their own, if relay mode is on.
    relay_login_id VARCHAR(255),
    metadata       TEXT,
    created_at     BIGINT       NOT NULL,
    CONSTRAINT portal_pkey PRIMARY KEY (network, chat_id, receiver),
    CONSTRAINT portal_room_id_key UNIQUE (room_id)
);

CREATE INDEX portal_receiver_idx ON portal (network, receiver);

-- A remote user and the Matrix puppet ("ghost") that speaks for them.
CREATE TABLE ghost (
    network            VARCHAR(64)  NOT NULL,
    remote_user_id     VARCHAR(255) NOT NULL,
    mxid               VARCHAR(255) NOT NULL,
    name               TEXT,
    avatar_mxc         TEXT,
    avatar_id          TEXT,
    profile_fetched_at BIGINT,
    metadata           TEXT,
    CONSTRAINT ghost_pkey PRIMARY KEY (network, remote_user_id),
    CONSTRAINT ghost_mxid_key UNIQUE (mxid)
);

-- One Matrix event per part of a remote message (a message with a caption and two photos may become three parts);
-- `part_id` is '' for a message bridged as one event.
CREATE TABLE message (
    network         VARCHAR(64)  NOT NULL,
    chat_id         VARCHAR(255) NOT NULL,
    receiver        VARCHAR(255) NOT NULL,
    message_id      VARCHAR(255) NOT NULL,
    part_id         VARCHAR(255) NOT NULL,
    room_id         VARCHAR(255) NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    sender_id       VARCHAR(255) NOT NULL,
    sender_mxid     VARCHAR(255) NOT NULL,
    sent_at         BIGINT       NOT NULL,
    -- Order of arrival within the portal: breaks ties between messages of the same timestamp (networks that count
    -- time in seconds send an album as several messages of one second).
    seq             BIGINT       NOT NULL,
    reply_to_id     VARCHAR(255),
    reply_to_part   VARCHAR(255),
    thread_root_id  VARCHAR(255),
    edit_count      INTEGER      NOT NULL DEFAULT 0,
    edited_at       BIGINT,
    metadata        TEXT,
    CONSTRAINT message_pkey PRIMARY KEY (network, chat_id, receiver, message_id, part_id),
    CONSTRAINT message_event_id_key UNIQUE (event_id),
    CONSTRAINT message_portal_fkey FOREIGN KEY (network, chat_id, receiver)
        REFERENCES portal (network, chat_id, receiver) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX message_portal_order_idx ON message (network, chat_id, receiver, sent_at, seq);

-- A reaction to one part of a message. `emoji_id` tells reactions of one sender to one message apart: networks
-- that allow one reaction per sender (WhatsApp, Messenger) use '', networks that allow several use the emoji.
CREATE TABLE reaction (
    network     VARCHAR(64)  NOT NULL,
    chat_id     VARCHAR(255) NOT NULL,
    receiver    VARCHAR(255) NOT NULL,
    message_id  VARCHAR(255) NOT NULL,
    part_id     VARCHAR(255) NOT NULL,
    sender_id   VARCHAR(255) NOT NULL,
    emoji_id    VARCHAR(255) NOT NULL,
    emoji       TEXT         NOT NULL,
    room_id     VARCHAR(255) NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    sent_at     BIGINT       NOT NULL,
    CONSTRAINT reaction_pkey PRIMARY KEY (network, chat_id, receiver, message_id, part_id, sender_id, emoji_id),
    CONSTRAINT reaction_event_id_key UNIQUE (event_id),
    CONSTRAINT reaction_message_fkey FOREIGN KEY (network, chat_id, receiver, message_id, part_id)
        REFERENCES message (network, chat_id, receiver, message_id, part_id) ON DELETE CASCADE ON UPDATE CASCADE
);

-- Which logins are in which portals, with what each has read.
CREATE TABLE user_portal (
    network      VARCHAR(64)  NOT NULL,
    login_id     VARCHAR(255) NOT NULL,
    chat_id      VARCHAR(255) NOT NULL,
    receiver     VARCHAR(255) NOT NULL,
    last_read_id VARCHAR(255),
    last_read_at BIGINT,
    -- Whether the portal room has been added to the login's personal space.
    in_space     BOOLEAN      NOT NULL DEFAULT FALSE,
    CONSTRAINT user_portal_pkey PRIMARY KEY (network, login_id, chat_id, receiver),
    CONSTRAINT user_portal_login_fkey FOREIGN KEY (network, login_id)
        REFERENCES user_login (network, login_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT user_portal_portal_fkey FOREIGN KEY (network, chat_id, receiver)
        REFERENCES portal (network, chat_id, receiver) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX user_portal_portal_idx ON user_portal (network, chat_id, receiver);

-- Small bridge-wide state (a version marker, the last time something ran); not for per-portal or per-login data.
CREATE TABLE kv (
    name    VARCHAR(255) NOT NULL,
    content TEXT         NOT NULL,
    CONSTRAINT kv_pkey PRIMARY KEY (name)
);
