-- One row, overwritten by the readiness probe while the disk is known to be
-- full: a real write about the size of a result tells whether space is back.
CREATE TABLE write_probe (
    id    INTEGER PRIMARY KEY NOT NULL,
    at    TEXT NOT NULL,
    room  TEXT NOT NULL
);
