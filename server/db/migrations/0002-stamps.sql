-- Stamps (PRODUCT.md §4): issuers and their public keys are registry records (synced to
-- the PWA for offline verification); batches, stamps and scan events stay on the server.

CREATE TABLE issuers (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('registry_operator', 'stamp_printer')),
  is_demo        INTEGER NOT NULL DEFAULT 0,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

-- Public keys only: private keys live in files under ISSUER_KEY_DIR, never here.
CREATE TABLE issuer_keys (
  id             TEXT PRIMARY KEY,          -- the kid printed in every stamp URL
  issuer_id      TEXT NOT NULL REFERENCES issuers(id),
  algorithm      TEXT NOT NULL CHECK (algorithm = 'Ed25519'),
  public_key     TEXT NOT NULL,             -- base64url of the 32-byte key
  status         TEXT NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
  created_at     TEXT NOT NULL,
  retired_at     TEXT,
  revoked_at     TEXT,
  revoke_reason  TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

CREATE TABLE batches (
  id             TEXT PRIMARY KEY,
  product_id     TEXT NOT NULL REFERENCES products(id),
  issuer_id      TEXT NOT NULL REFERENCES issuers(id),
  kid            TEXT NOT NULL REFERENCES issuer_keys(id),
  count          INTEGER NOT NULL,
  has_pin        INTEGER NOT NULL DEFAULT 0,
  expires_at     TEXT,
  status         TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
  is_demo        INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  revoked_at     TEXT,
  revoke_reason  TEXT
);

CREATE TABLE stamps (
  serial         TEXT PRIMARY KEY,          -- 80 random bits, base32
  batch_id       TEXT NOT NULL REFERENCES batches(id),
  kid            TEXT NOT NULL,
  pin_hash       TEXT,                      -- HMAC-SHA256(server secret, serial|pin), never the PIN
  pin_failures   INTEGER NOT NULL DEFAULT 0,
  pin_used_at    TEXT,
  pin_used_device TEXT,
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  revoked_at     TEXT,
  revoke_reason  TEXT
) WITHOUT ROWID;
CREATE INDEX stamps_batch ON stamps(batch_id);

CREATE TABLE scan_events (
  id             INTEGER PRIMARY KEY,
  client_event_id TEXT UNIQUE,
  serial         TEXT,
  kid            TEXT,
  verdict        TEXT NOT NULL,
  reasons        TEXT NOT NULL,             -- JSON array of reason codes
  device_hash    TEXT,                      -- keyed hash of the device id, never the id
  place_code     TEXT,                      -- coarse place only: a ward/commune id
  scanned_at     TEXT NOT NULL,
  received_at    TEXT NOT NULL
);
CREATE INDEX scan_events_serial ON scan_events(serial, scanned_at);
