-- Long-poll events whose handling finished: after a crash the poll resumes a little earlier
-- and re-reads some events; those found here are skipped instead of being handled twice.
-- Bounded: the oldest rows are pruned as new ones come.
CREATE TABLE processed_events (
    seq      INTEGER PRIMARY KEY,
    event_id TEXT    NOT NULL UNIQUE,
    at       TEXT    NOT NULL
);
