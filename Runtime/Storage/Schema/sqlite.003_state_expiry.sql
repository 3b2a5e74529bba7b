-- skip when: SELECT COUNT(*) FROM pragma_table_info('grain_state') WHERE name = 'expires_at_ms'
ALTER TABLE grain_state ADD COLUMN expires_at_ms INTEGER NULL;
CREATE INDEX IF NOT EXISTS grain_state_expires_at ON grain_state (expires_at_ms) WHERE expires_at_ms IS NOT NULL;
