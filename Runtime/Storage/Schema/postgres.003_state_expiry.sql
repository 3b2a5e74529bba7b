ALTER TABLE grain_state ADD COLUMN IF NOT EXISTS expires_at_ms bigint NULL;
CREATE INDEX IF NOT EXISTS grain_state_expires_at ON grain_state (expires_at_ms) WHERE expires_at_ms IS NOT NULL;
