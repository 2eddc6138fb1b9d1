-- Chats that moved to another id on their network (a Telegram basic group upgraded to a supergroup). The portal
-- follows: its row answers for the new id and keeps its room. The row under the old id stays, without a room, so
-- that the messages bridged before the move keep the ids the network still knows them by (edits and deletions of
-- them arrive under the old chat id). Numbered 6, leaving 5 to the branch written alongside this one.
CREATE TABLE portal_move (
    network     VARCHAR(64)  NOT NULL,
    old_chat_id VARCHAR(255) NOT NULL,
    receiver    VARCHAR(255) NOT NULL,
    new_chat_id VARCHAR(255) NOT NULL,
    moved_at    BIGINT       NOT NULL,
    CONSTRAINT portal_move_pkey PRIMARY KEY (network, old_chat_id, receiver),
    CONSTRAINT portal_move_old_fkey FOREIGN KEY (network, old_chat_id, receiver)
        REFERENCES portal (network, chat_id, receiver) ON DELETE CASCADE
);

CREATE INDEX portal_move_new_idx ON portal_move (network, new_chat_id, receiver);
