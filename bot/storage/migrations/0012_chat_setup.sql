-- Issue 15 (9, 10) and issue 17 (1, 6): chats bound before the bot had rights, one summary
-- for a burst of strangers, «чаты всем классам», and what waits for a person the bot cannot
-- write to yet.

-- A chat bound while the bot was not its administrator: its real title and the pinned welcome
-- wait until the rights come (set when bound so, cleared when finished).
ALTER TABLE chats ADD COLUMN rights_pending_since TEXT;

-- «чаты всем классам»: one run at a time, and every chat it is to make, so that a restart goes
-- on where it stopped and never makes a chat twice.
CREATE TABLE chat_setup_runs (
    id              INTEGER PRIMARY KEY,
    actor_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    report_peer_id  INTEGER NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('running', 'waiting', 'done')),
    resume_at       TEXT,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT
);
CREATE UNIQUE INDEX one_live_chat_setup ON chat_setup_runs ((finished_at IS NULL))
    WHERE finished_at IS NULL;

CREATE TABLE chat_setup_items (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES chat_setup_runs (id) ON DELETE CASCADE,
    grade        INTEGER NOT NULL,
    letter       TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    state        TEXT    NOT NULL
        CHECK (state IN ('planned', 'creating', 'created', 'skipped', 'failed')),
    peer_id      INTEGER,
    attempted_at REAL,
    error        TEXT,
    UNIQUE (run_id, grade, letter, kind)
);

-- Messages for a person who has not allowed the community to write to them yet (a curator who
-- never wrote to it): delivered the moment they write. `body` is JSON; a parent's question is
-- kept as a reference to the parent's message, not as its text.
CREATE TABLE held_messages (
    id           INTEGER PRIMARY KEY,
    vk_id        INTEGER NOT NULL,
    dedup_key    TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL CHECK (kind IN ('text', 'question')),
    body         TEXT    NOT NULL,
    held_at      TEXT    NOT NULL,
    delivered_at TEXT
);
CREATE INDEX held_messages_waiting ON held_messages (vk_id) WHERE delivered_at IS NULL;

-- Strangers the gate removed (or kept and reported) and raids, gathered per chat for a few
-- seconds into one note in the chat and one alert; a row stays open until its summary is sent.
CREATE TABLE join_digest (
    id          INTEGER PRIMARY KEY,
    peer_id     INTEGER NOT NULL,
    chat_id     INTEGER REFERENCES chats (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('removed', 'reported', 'raid')),
    vk_id       INTEGER,
    reason      TEXT,
    name        TEXT,
    incident_id INTEGER,
    link_reset  INTEGER NOT NULL DEFAULT 0,
    at          TEXT    NOT NULL,
    done_at     TEXT
);
CREATE INDEX join_digest_open ON join_digest (peer_id) WHERE done_at IS NULL;
