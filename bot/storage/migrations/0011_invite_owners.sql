-- Issue 15.1 and 17.2: whose invitation it is, and the class join link with the curator's tap.

-- Someone other than the roster's person answered a personal invitation (kind 'foreign'), or the
-- first claimer bound a person who had no VK page on the roster ('bound'). The curator decides
-- by button; one row per invitation, account and kind, so a repeat tells nobody twice.
CREATE TABLE invite_attempts (
    id            INTEGER PRIMARY KEY,
    invitation_id INTEGER NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    vk_id         INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('foreign', 'bound')),
    at            TEXT    NOT NULL,
    decision      TEXT,
    decided_by    INTEGER,
    decided_at    TEXT,
    UNIQUE (invitation_id, vk_id, kind)
);

-- A class join link: one code for a whole chat, used by many, until it expires or is revoked.
-- Only the code's hash is kept, as for personal invitations.
CREATE TABLE class_links (
    id          INTEGER PRIMARY KEY,
    code_hash   TEXT    NOT NULL UNIQUE,
    chat_id     INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    issued_by   INTEGER NOT NULL,
    issued_at   TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX class_links_by_chat ON class_links (chat_id);

-- Someone who opened a class link: asked whose parent they are ('asking'), waiting for the
-- curator ('waiting'), then 'admitted', 'refused' (by the curator), 'unmatched' (no such pupil
-- after a few tries) or 'closed' (they gave up). What they typed is not kept, only the match.
CREATE TABLE join_requests (
    id          INTEGER PRIMARY KEY,
    link_id     INTEGER NOT NULL REFERENCES class_links (id) ON DELETE CASCADE,
    vk_id       INTEGER NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN
                    ('asking', 'waiting', 'admitted', 'refused', 'unmatched', 'closed')),
    pupil_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
    tries       INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    decided_at  TEXT,
    decided_by  INTEGER,
    bound_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL
);
CREATE INDEX join_requests_by_person ON join_requests (vk_id, state);
CREATE INDEX join_requests_by_pupil ON join_requests (pupil_id, state);
