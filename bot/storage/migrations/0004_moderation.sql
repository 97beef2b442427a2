-- Moderation: incidents (with the masked text only, never the raw message), warnings that
-- expire, people's reports (for the rate limit) and who was told how to allow messages.
CREATE TABLE incidents (
    id               INTEGER PRIMARY KEY,
    at               TEXT    NOT NULL,
    source           TEXT    NOT NULL CHECK (source IN ('message', 'report', 'raid')),
    peer_id          INTEGER NOT NULL,
    cmid             INTEGER NOT NULL,
    chat_id          INTEGER REFERENCES chats (id) ON DELETE SET NULL,
    author_vk_id     INTEGER NOT NULL,
    author_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    rule             TEXT    NOT NULL,
    clause           TEXT    NOT NULL,
    kind             TEXT,
    masked_text      TEXT    NOT NULL,
    actions          TEXT    NOT NULL DEFAULT '',
    reporter_vk_id   INTEGER,
    reason           TEXT,
    resolved_by      INTEGER,
    resolved_at      TEXT,
    resolution       TEXT,
    -- A re-delivered event finds its incident instead of making a second one.
    UNIQUE (peer_id, cmid, source)
);
CREATE INDEX incidents_by_time ON incidents (at);
CREATE INDEX incidents_by_author ON incidents (author_vk_id, at);

CREATE TABLE warnings (
    incident_id  INTEGER PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    vk_id        INTEGER NOT NULL,
    issued_at    TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    cancelled_at TEXT
);
CREATE INDEX warnings_by_person ON warnings (vk_id, expires_at);

CREATE TABLE reports (
    reporter_vk_id INTEGER NOT NULL,
    peer_id        INTEGER NOT NULL,
    cmid           INTEGER NOT NULL,
    at             TEXT    NOT NULL,
    PRIMARY KEY (reporter_vk_id, peer_id, cmid)
);
CREATE INDEX reports_by_time ON reports (reporter_vk_id, at);

CREATE TABLE moderation_notices (
    vk_id INTEGER PRIMARY KEY,
    at    TEXT    NOT NULL
);
