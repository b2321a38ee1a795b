-- Inspectors and registry admins (issue 13): accounts, server-side sessions, the report
-- workflow (status, assignment, notes, a shopper's receipt code, photos) and an audit log
-- that nothing can edit.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role          TEXT NOT NULL CHECK (role IN ('inspector', 'admin')),
  password_hash TEXT NOT NULL,              -- scrypt$N$r$p$salt$hash (base64url), never the password
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  -- set by an invitation's one-time password: the account can do nothing but change it
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- The cookie holds a random id; only its SHA-256 is stored, so a leaked database (or backup)
-- cannot be replayed as a session.
CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL                -- absolute expiry; idle expiry is last_seen_at + idle window
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Reports are rebuilt to take the inspectors' workflow: SQLite cannot widen a CHECK in
-- place. Old statuses map onto the new ones (nobody could set them before this migration).
CREATE TABLE reports_new (
  id               INTEGER PRIMARY KEY,
  client_report_id TEXT NOT NULL UNIQUE,
  receipt          TEXT NOT NULL UNIQUE,      -- the shopper's short, unguessable code for the status page
  payload          TEXT,
  serial           TEXT,
  verdict          TEXT,
  reasons          TEXT NOT NULL DEFAULT '[]',
  product_id       TEXT,
  shop             TEXT,
  price            INTEGER,                   -- đồng, as the shopper typed it
  note             TEXT,
  contact          TEXT,
  device_hash      TEXT,
  place_code       TEXT,
  status           TEXT NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new', 'verifying', 'confirmed_fake', 'not_fake', 'duplicate')),
  assignee_id      INTEGER REFERENCES users(id),
  duplicate_of     INTEGER REFERENCES reports_new(id),
  reported_at      TEXT NOT NULL,
  received_at      TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
INSERT INTO reports_new (id, client_report_id, receipt, payload, serial, verdict, reasons, product_id, shop, note, contact,
    device_hash, place_code, status, reported_at, received_at, updated_at)
  SELECT id, client_report_id, upper(hex(randomblob(7))), payload, serial, verdict, reasons, product_id, shop, note, contact,
    device_hash, place_code, CASE status WHEN 'triaged' THEN 'verifying' WHEN 'closed' THEN 'not_fake' ELSE 'new' END,
    reported_at, received_at, received_at
  FROM reports;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;
CREATE INDEX reports_status ON reports(status, received_at);
CREATE INDEX reports_serial ON reports(serial);
CREATE INDEX reports_received ON reports(received_at);
CREATE INDEX reports_assignee ON reports(assignee_id);

CREATE TABLE report_notes (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  author_id  INTEGER NOT NULL REFERENCES users(id),
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX report_notes_report ON report_notes(report_id);

-- Photos are stored re-encoded (no metadata left), so the database holds no original file.
CREATE TABLE report_photos (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  seq        INTEGER NOT NULL,
  mime       TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/webp')),
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  bytes      BLOB NOT NULL,
  UNIQUE (report_id, seq)
);

-- Who did what, when, with the record before and after. Append-only: triggers refuse any
-- UPDATE or DELETE, so not even a bug in the API can rewrite history.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor_id    INTEGER,                       -- NULL for the command line (user:add)
  actor_email TEXT NOT NULL,
  action      TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id   TEXT,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
