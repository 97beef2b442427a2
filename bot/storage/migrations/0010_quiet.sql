-- Quiet hours and away mode (issue 10). Who was told about quiet hours is kept in memory only.
-- A teacher's away mode: one row per person, dates in the school's time zone (ISO days).
CREATE TABLE away (
    vk_id      INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    first_day  TEXT    NOT NULL,
    last_day   TEXT    NOT NULL,
    message    TEXT    NOT NULL,
    set_at     TEXT    NOT NULL
);
