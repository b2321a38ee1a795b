-- Compact scan events and per-stamp clone evidence (issues #9 and #10).
-- A check reads one stamp row, whose columns carry what the anomaly rules need, and writes
-- one small event row: it never reads a stamp's history, so its cost does not grow with it.

-- Reason codes as bits of an integer mask (server/domain/scan-reason-codes.ts is the source;
-- start-up appends codes added later). Kept so SQL can decode a mask.
CREATE TABLE scan_reason_codes (
  bit   INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE
);
INSERT INTO scan_reason_codes (bit, code) VALUES
  (0, 'signature_valid'),
  (1, 'checked_by_other_devices'),
  (2, 'impossible_travel'),
  (3, 'batch_expired'),
  (4, 'ocop_certificate_expired'),
  (5, 'digital_link_product_mismatch'),
  (6, 'pin_ok'),
  (7, 'pin_wrong'),
  (8, 'pin_already_used'),
  (9, 'pin_locked'),
  (10, 'batch_revoked'),
  (11, 'stamp_revoked'),
  (12, 'scanned_after_revocation'),
  (13, 'key_revoked'),
  (14, 'unknown_key'),
  (15, 'bad_signature'),
  (16, 'serial_not_issued'),
  (17, 'malformed_stamp'),
  (18, 'not_genuine'),
  (19, 'checked_before'),
  (20, 'pin_retry_later'),
  (21, 'pin_failures_seen'),
  (22, 'rate_limited'),
  (23, 'typed_serial'),
  (24, 'lookalike_host'),
  (25, 'foreign_stamp_host');

CREATE TABLE scans (
  id           INTEGER PRIMARY KEY,
  serial       TEXT,                 -- the stamp's serial as scanned (null for a damaged URL)
  kid          TEXT,
  client_key   BLOB,                 -- 10 bytes of SHA-256 of the phone's event id: retries are no-ops
  verdict      INTEGER NOT NULL,     -- 0 authentic, 1 caution, 2 revoked, 3 unverified
  reasons      INTEGER NOT NULL,     -- bitmask over scan_reason_codes
  device       BLOB,                 -- 8 bytes of the keyed hash of the device id, never the id
  network      BLOB,                 -- 8 bytes of the keyed hash of the /24 or /48, never the address
  place        TEXT,                 -- coarse place only: a ward/commune or province id
  scanned_at   INTEGER NOT NULL,     -- ms since 1970 (the phone's time for a queued scan)
  received_at  INTEGER NOT NULL,     -- ms since 1970
  flags        INTEGER NOT NULL DEFAULT 0 -- 1 counted as clone evidence, 2 server-issued device id, 4 over the soft limit
);
-- Pages of a stamp's history, newest first: the rowid in the index orders them.
CREATE INDEX scans_serial ON scans(serial);
CREATE UNIQUE INDEX scans_client ON scans(client_key) WHERE client_key IS NOT NULL;
-- Forgeries, leaked keys and clone alerts for inspectors: only the few unverified and
-- caution scans are indexed.
CREATE INDEX scans_unverified ON scans(received_at) WHERE verdict = 3;
CREATE INDEX scans_caution ON scans(received_at) WHERE verdict = 1;

-- Existing events, converted. Their client ids are not carried over (the phone's retries
-- happen within minutes, not across an upgrade); devices keep 8 bytes of their hash.
INSERT INTO scans (id, serial, kid, client_key, verdict, reasons, device, network, place, scanned_at, received_at, flags)
SELECT e.id, e.serial, e.kid, NULL,
       CASE e.verdict WHEN 'authentic' THEN 0 WHEN 'caution' THEN 1 WHEN 'revoked' THEN 2 ELSE 3 END,
       (SELECT COALESCE(SUM(1 << c.bit), 0) FROM (SELECT DISTINCT value FROM json_each(e.reasons)) j JOIN scan_reason_codes c ON c.code = j.value),
       CASE WHEN e.device_hash IS NULL THEN NULL ELSE unhex(substr(e.device_hash, 1, 16)) END,
       NULL, e.place_code,
       CAST(ROUND(unixepoch(e.scanned_at, 'subsec') * 1000) AS INTEGER),
       CAST(ROUND(unixepoch(e.received_at, 'subsec') * 1000) AS INTEGER),
       0
FROM scan_events e;
DROP TABLE scan_events;

-- Per-stamp aggregates, updated with each scan (server/domain/stamp-signals.ts).
ALTER TABLE stamps ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stamps ADD COLUMN first_check_at INTEGER;
ALTER TABLE stamps ADD COLUMN last_check_at INTEGER;
ALTER TABLE stamps ADD COLUMN evidence TEXT;              -- JSON: [[device, network, first, last, place], …], at most 16
ALTER TABLE stamps ADD COLUMN evidence_overflow INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stamps ADD COLUMN pin_last_failure_at INTEGER;

-- Checks so far; earlier device ids were any text a client sent, so none becomes evidence.
UPDATE stamps SET
  checks = (SELECT COUNT(*) FROM scans s WHERE s.serial = stamps.serial AND s.verdict < 3),
  first_check_at = (SELECT MIN(scanned_at) FROM scans s WHERE s.serial = stamps.serial AND s.verdict < 3),
  last_check_at = (SELECT MAX(scanned_at) FROM scans s WHERE s.serial = stamps.serial AND s.verdict < 3)
WHERE serial IN (SELECT serial FROM scans WHERE verdict < 3);
UPDATE stamps SET pin_used_device = substr(pin_used_device, 1, 16) WHERE pin_used_device IS NOT NULL;
-- PIN abuse alerts read only stamps that had a wrong PIN.
CREATE INDEX stamps_pin_failures ON stamps(pin_last_failure_at) WHERE pin_last_failure_at IS NOT NULL;
