-- The latest message of a thread (what a threaded message falls back to replying to) without a portal scan.
CREATE INDEX message_thread_idx ON message (network, chat_id, receiver, thread_root_id, sent_at, seq);
