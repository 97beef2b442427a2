-- The school: classes, people and the roles they hold; the trail of administrators' changes.
CREATE TABLE classes (
    id          INTEGER PRIMARY KEY,
    grade       INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
    letter      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (grade, letter)
);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    vk_id       INTEGER UNIQUE,
    full_name   TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX people_by_name ON people (name_key);

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN
                    ('admin', 'director', 'deputy', 'curator', 'teacher', 'pupil', 'parent')),
    class_id    INTEGER REFERENCES classes (id) ON DELETE CASCADE,
    subject     TEXT,
    pupil_id    INTEGER REFERENCES people (id) ON DELETE CASCADE
);
-- NULLs are distinct in a UNIQUE constraint; fold them so one grant cannot be stored twice.
CREATE UNIQUE INDEX roles_unique ON roles
    (person_id, role, IFNULL(class_id, 0), IFNULL(subject, ''), IFNULL(pupil_id, 0));
CREATE INDEX roles_by_class ON roles (class_id, role);
-- A class has one curator at a time.
CREATE UNIQUE INDEX one_curator_per_class ON roles (class_id) WHERE role = 'curator';

CREATE TABLE trail (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor_id    INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    details     TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX trail_by_time ON trail (at DESC);
