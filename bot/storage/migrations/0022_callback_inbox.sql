-- Events VK's Callback API delivered, kept from before the answer «ok» until handled.
-- The body is encrypted (AES-GCM, key derived from the community token): a message waits here
-- for seconds, but the file must never hold its text in clear (152-FZ).
CREATE TABLE callback_inbox (
    seq         INTEGER PRIMARY KEY,
    event_id    TEXT    NOT NULL UNIQUE,
    group_id    INTEGER NOT NULL,
    body        BLOB    NOT NULL,
    received_at TEXT    NOT NULL,
    repeats     INTEGER NOT NULL DEFAULT 0  -- deliveries VK repeated (X-Retry-Counter) once stored
);
