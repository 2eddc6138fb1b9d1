-- Only messages in a thread need the thread index, and most are in none: indexing just those makes storing every
-- other bridged message one index update cheaper. A lookup by thread root still uses it, as `thread_root_id = ?`
-- implies `thread_root_id IS NOT NULL` for both PostgreSQL and SQLite.
DROP INDEX message_thread_idx;
CREATE INDEX message_thread_idx ON message (network, chat_id, receiver, thread_root_id, sent_at, seq)
    WHERE thread_root_id IS NOT NULL;
