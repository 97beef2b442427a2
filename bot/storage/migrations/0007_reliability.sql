-- Long-poll events whose handling finished: after a crash the poll resumes a little earlier
-- and re-reads some events; those found here are skipped instead of being handled twice.
-- Bounded: the oldest rows are pruned as new ones come.
CREATE TABLE processed_events (
    seq      INTEGER PRIMARY KEY,
    event_id TEXT    NOT NULL UNIQUE,
    at       TEXT    NOT NULL
);

-- An incident is complete once every step (delete, warn, restrict, alert) was taken. One found
-- incomplete when its message comes again — the bot was killed mid-way — is taken up where it
-- stopped instead of being dropped as a repeat. Older incidents were all seen through.
ALTER TABLE incidents ADD COLUMN completed_at TEXT;
UPDATE incidents SET completed_at = at;
