-- Matrix edits the bridge sent to the network, by their event id. The intake hands an event again after a crash
-- (at least once); a message is recognised by its row in `message`, an edit by its row here, so that a replayed
-- edit is not sent to the network twice. Rows go with the edited message.
CREATE TABLE message_edit (
    event_id   VARCHAR(255) NOT NULL,
    network    VARCHAR(64)  NOT NULL,
    chat_id    VARCHAR(255) NOT NULL,
    receiver   VARCHAR(255) NOT NULL,
    message_id VARCHAR(255) NOT NULL,
    part_id    VARCHAR(255) NOT NULL,
    edited_at  BIGINT       NOT NULL,
    CONSTRAINT message_edit_pkey PRIMARY KEY (event_id),
    CONSTRAINT message_edit_message_fkey FOREIGN KEY (network, chat_id, receiver, message_id, part_id)
        REFERENCES message (network, chat_id, receiver, message_id, part_id) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX message_edit_message_idx ON message_edit (network, chat_id, receiver, message_id, part_id);
