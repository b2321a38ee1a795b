-- pragma: foreign_keys=off
-- A batch is 'pending' from the moment its stamps are stored until its files (JSON, CSV,
-- sheets) are complete on disk; only then is it made 'active'. A pending batch's stamps
-- verify as not issued, and stamps:issue offers to resume or discard it.
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt (its documented 12-step
-- procedure: foreign keys off for this migration, checked before it commits; the stamps
-- that reference batches keep pointing at the same ids).
CREATE TABLE batches_new (
  id             TEXT PRIMARY KEY,
  product_id     TEXT NOT NULL REFERENCES products(id),
  issuer_id      TEXT NOT NULL REFERENCES issuers(id),
  kid            TEXT NOT NULL REFERENCES issuer_keys(id),
  count          INTEGER NOT NULL,
  has_pin        INTEGER NOT NULL DEFAULT 0,
  expires_at     TEXT,
  status         TEXT NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
  is_demo        INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  revoked_at     TEXT,
  revoke_reason  TEXT
);
INSERT INTO batches_new (id, product_id, issuer_id, kid, count, has_pin, expires_at, status, is_demo, created_at, revoked_at, revoke_reason)
  SELECT id, product_id, issuer_id, kid, count, has_pin, expires_at, status, is_demo, created_at, revoked_at, revoke_reason FROM batches;
DROP TABLE batches;
ALTER TABLE batches_new RENAME TO batches;
