CREATE TABLE IF NOT EXISTS reminders (
    grain_type     TEXT    NOT NULL,
    grain_key      TEXT    NOT NULL,
    reminder_name  TEXT    NOT NULL,
    start_at_ms    INTEGER NOT NULL,
    period_ms      INTEGER NOT NULL,
    grain_hash     INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
);
CREATE INDEX IF NOT EXISTS reminders_grain_hash ON reminders (grain_hash);
