-- Storing a message computes its arrival number in the portal as MAX(seq) + 1 over the portal's messages. Without
-- an index that starts with the portal and then seq, that read scanned every message of the portal: 15 ms per
-- bridged message on PostgreSQL once a portal held 3,000 messages, growing with each one (see BENCHMARKS.md).
-- With it, the maximum is one index lookup. Numbered 2.1 so that it sorts after V2 and before any V3 written
-- meanwhile.
CREATE INDEX message_portal_seq_idx ON message (network, chat_id, receiver, seq);
