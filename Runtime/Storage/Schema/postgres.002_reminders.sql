CREATE TABLE IF NOT EXISTS reminders (
    grain_type     text    NOT NULL,
    grain_key      text    NOT NULL,
    reminder_name  text    NOT NULL,
    start_at_ms    bigint  NOT NULL,
    period_ms      bigint  NOT NULL,
    grain_hash     integer NOT NULL,
    version        bigint  NOT NULL,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
);
CREATE INDEX IF NOT EXISTS reminders_grain_hash ON reminders (grain_hash);
