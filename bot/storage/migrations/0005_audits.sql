-- Audits, the movement of people, the school year and statistics (issue 7).
-- Messages per chat per day (counted as they pass; no texts are kept).
CREATE TABLE message_counts (
    chat_id   INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    day       TEXT    NOT NULL,
    messages  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, day)
);

-- When an audit last gave each chat a fresh invite link.
CREATE TABLE link_resets (
    chat_id   INTEGER PRIMARY KEY REFERENCES chats (id) ON DELETE CASCADE,
    reset_at  TEXT    NOT NULL
);

-- A warning past its expiry is cleared by the audit (kept, not deleted).
ALTER TABLE warnings ADD COLUMN cleared_at TEXT;

-- People who left the school or a class: the roles they held are kept here as JSON.
CREATE TABLE departures (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('left', 'moved', 'graduated')),
    at         TEXT    NOT NULL,
    by_person  INTEGER,
    details    TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX departures_by_person ON departures (person_id, at);

-- The school as it stood before each «новый учебный год»: classes, people, chats (JSON).
CREATE TABLE school_years (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    snapshot   TEXT    NOT NULL
);

-- An archived chat remembers the class it belonged to, as a label («11А · 2024/25»).
ALTER TABLE chats ADD COLUMN archived_label TEXT;
