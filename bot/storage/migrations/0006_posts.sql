-- Posts to the school's chats, broadcasts, events and their reminders. The database is the source
-- of truth for what is scheduled: the scheduler's jobs are rebuilt from it at start.
CREATE TABLE posts (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('post', 'broadcast', 'event', 'reminder')),
    parent_id    INTEGER REFERENCES posts (id) ON DELETE CASCADE,
    label        TEXT,
    author_vk_id INTEGER NOT NULL,
    target       TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    attachments  TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL CHECK (status IN
                         ('draft', 'scheduled', 'sending', 'sent', 'missed', 'cancelled')),
    due_at       TEXT,
    event_at     TEXT,
    created_at   TEXT    NOT NULL,
    sent_at      TEXT,
    nonce        TEXT    NOT NULL
);
CREATE INDEX posts_by_status ON posts (status, due_at);
CREATE INDEX posts_by_parent ON posts (parent_id);

-- One row per chat a post goes to: a restart sends only what is still pending.
CREATE TABLE post_deliveries (
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    peer_id    INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    error_code INTEGER,
    cmid       INTEGER,
    at         TEXT,
    PRIMARY KEY (post_id, peer_id)
);
