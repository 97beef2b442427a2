-- The school's chats the bot runs, and the personal invitations into them.
CREATE TABLE chats (
    id          INTEGER PRIMARY KEY,
    peer_id     INTEGER NOT NULL UNIQUE,
    kind        TEXT    NOT NULL,
    class_id    INTEGER REFERENCES classes (id) ON DELETE SET NULL,
    subject     TEXT,
    title       TEXT    NOT NULL DEFAULT '',
    created_by_bot INTEGER NOT NULL DEFAULT 0,
    welcome_cmid INTEGER,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    archived_at TEXT
);
-- One live chat of a kind per class (and subject): repeating «создать чат» finds the first.
CREATE UNIQUE INDEX one_chat_per_purpose ON chats
    (kind, IFNULL(class_id, 0), IFNULL(subject, '')) WHERE archived_at IS NULL;

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    code_hash   TEXT    NOT NULL UNIQUE,
    chat_id     INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('pupil', 'parent')),
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    issued_by   INTEGER NOT NULL,
    issued_at   TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    claimed_at  TEXT,
    claimed_vk_id INTEGER,
    revoked_at  TEXT
);
CREATE INDEX invitations_by_chat ON invitations (chat_id, person_id);

-- Who the bot has seen join and leave each chat, and why they were let in.
CREATE TABLE chat_members (
    chat_id     INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    vk_id       INTEGER NOT NULL,
    person_id   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    reason      TEXT    NOT NULL,
    joined_at   TEXT    NOT NULL,
    left_at     TEXT,
    PRIMARY KEY (chat_id, vk_id)
);

-- People a curator let into a chat by hand («впустить»): the gate admits them.
CREATE TABLE gate_allowances (
    chat_id     INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    vk_id       INTEGER NOT NULL,
    allowed_by  INTEGER NOT NULL,
    allowed_at  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, vk_id)
);
