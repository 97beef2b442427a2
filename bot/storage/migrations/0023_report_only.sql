-- Moderation's dry run («только отчёт»), per chat kind: nothing is deleted or said in those
-- chats; what would have been done is kept here for the administrators' daily digest.
CREATE TABLE moderation_modes (
    chat_kind   TEXT    PRIMARY KEY,
    report_only INTEGER NOT NULL CHECK (report_only IN (0, 1)),
    changed_by  INTEGER,
    changed_at  TEXT    NOT NULL
);

CREATE TABLE dry_run_findings (
    id               INTEGER PRIMARY KEY,
    at               TEXT    NOT NULL,
    peer_id          INTEGER NOT NULL,
    cmid             INTEGER NOT NULL,
    chat_kind        TEXT    NOT NULL,
    chat_title       TEXT    NOT NULL,
    author_vk_id     INTEGER NOT NULL,
    rule             TEXT    NOT NULL,
    would_delete     INTEGER NOT NULL,
    would_restrict_minutes INTEGER,
    would_remove     INTEGER NOT NULL,
    masked_text      TEXT    NOT NULL,  -- masked as in an alert: never the words in clear
    UNIQUE (peer_id, cmid)              -- a re-delivered message is one finding
);
CREATE INDEX dry_run_findings_at ON dry_run_findings (at);
