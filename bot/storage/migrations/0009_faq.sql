-- Answers to recurring questions, kept by a class's curator (class_id) or by an administrator
-- for the whole school (class_id NULL). The alternatives of one question are lines of `questions`.
CREATE TABLE faq_answers (
    id           INTEGER PRIMARY KEY,
    class_id     INTEGER REFERENCES classes (id) ON DELETE CASCADE,
    questions    TEXT    NOT NULL,
    answer       TEXT    NOT NULL,
    author_vk_id INTEGER NOT NULL,
    created_at   TEXT    NOT NULL
);

-- One row per chat question the bot answered (for the director's report); no text is kept.
-- (peer_id, cmid) is unique, so an event delivered twice counts once.
CREATE TABLE faq_hits (
    id        INTEGER PRIMARY KEY,
    answer_id INTEGER REFERENCES faq_answers (id) ON DELETE SET NULL,
    peer_id   INTEGER NOT NULL,
    cmid      INTEGER NOT NULL,
    at        TEXT    NOT NULL,
    UNIQUE (peer_id, cmid)
);
CREATE INDEX faq_hits_by_time ON faq_hits (at);

-- The confidential line: who wrote to whom and when, and whether it was answered. The text of
-- an appeal and of the answer is never stored: it goes straight to the recipient's dialog.
CREATE TABLE appeals (
    id          INTEGER PRIMARY KEY,
    from_vk_id  INTEGER NOT NULL,
    to_kind     TEXT    NOT NULL CHECK (to_kind IN ('psychologist', 'administration')),
    to_vk_ids   TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('delivered', 'undelivered', 'answered')),
    answered_at TEXT,
    answered_by INTEGER
);
CREATE INDEX appeals_by_sender ON appeals (from_vk_id, created_at);
