-- Announcements that ask for an answer by button: an acknowledgement, a consent or a small poll.
-- Answers are kept per person; families are worked out from the roster when counted, so either
-- parent's press counts for the family.
CREATE TABLE acks (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('ack', 'consent', 'poll')),
    author_vk_id INTEGER NOT NULL,
    grade        INTEGER NOT NULL,
    letter       TEXT    NOT NULL,
    chat_kind    TEXT    NOT NULL CHECK (chat_kind IN ('parents', 'pupils')),
    peer_id      INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    options      TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reminding', 'done')),
    created_at   TEXT    NOT NULL,
    remind_at    TEXT    NOT NULL,
    cmid         INTEGER,
    nonce        TEXT    NOT NULL,
    source       TEXT    UNIQUE  -- the command's message: a re-delivered one posts nothing new
);
CREATE INDEX acks_by_status ON acks (status, remind_at);
CREATE INDEX acks_by_time ON acks (created_at);

CREATE TABLE ack_answers (
    ack_id     INTEGER NOT NULL REFERENCES acks (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL,
    vk_id      INTEGER NOT NULL,
    choice     INTEGER NOT NULL,
    at         TEXT    NOT NULL,
    seq        INTEGER NOT NULL,  -- the order of answers, for two at the same moment
    PRIMARY KEY (ack_id, person_id)
);
