-- Scan events under 100 bytes each with their indexes (issue #10 item 2; 0004 left them at
-- ~131). Three changes, each measured with npm run bench:scan-size:
--  * A retried upload of a genuine stamp's scan is recognised by the stamp row, which keeps
--    the keys of its latest 8 client event ids (recent_clients, 4 bytes each): the verify
--    reads that row anyway, so the global unique index over every scan's 10-byte key (~21
--    bytes an event) is only needed for scans that change no stamp row (unverified and
--    revoked ones, a few percent); their key stays in client_key. A retry counts again only
--    after 8 other scans of the same stamp came in between (a stamp copied onto many packs).
--  * The phone's scan time is kept as its distance from the server's receiving time
--    (scan_lag, ms; usually a few hundred ms: 2 bytes instead of 6).
--  * The coarse place is a small integer into scan_places instead of its text id.
-- scan_log presents the rows as before (place text, scanned_at) for readers.
-- pragma: foreign_keys=off

CREATE TABLE scan_places (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE           -- a ward/commune or province id, e.g. vn:00004
);
INSERT INTO scan_places (code) SELECT DISTINCT place FROM scans WHERE place IS NOT NULL ORDER BY place;

CREATE TABLE scans_new (
  id           INTEGER PRIMARY KEY,
  serial       TEXT,                 -- the stamp's serial as scanned (null for a damaged URL)
  kid          TEXT,
  client_key   BLOB,                 -- 10 bytes of SHA-256 of the phone's event id, only for scans that change no stamp row
  verdict      INTEGER NOT NULL,     -- 0 authentic, 1 caution, 2 revoked, 3 unverified
  reasons      INTEGER NOT NULL,     -- bitmask over scan_reason_codes
  device       BLOB,                 -- 8 bytes of the keyed hash of the device id, never the id
  network      BLOB,                 -- 8 bytes of the keyed hash of the /24 or /48, never the address
  place_id     INTEGER,              -- scan_places.id: coarse place only
  received_at  INTEGER NOT NULL,     -- ms since 1970, the server's clock
  scan_lag     INTEGER NOT NULL DEFAULT 0, -- received_at minus the phone's scan time, ms
  flags        INTEGER NOT NULL DEFAULT 0  -- 1 counted as clone evidence, 2 server-issued device id, 4 over the soft limit
);
INSERT INTO scans_new (id, serial, kid, client_key, verdict, reasons, device, network, place_id, received_at, scan_lag, flags)
SELECT s.id, s.serial, s.kid,
       -- Retries come within minutes of the first upload: older genuine scans need no key.
       CASE WHEN s.verdict >= 2 OR s.received_at > (SELECT MAX(received_at) FROM scans) - 7 * 86400000 THEN s.client_key END,
       s.verdict, s.reasons, s.device, s.network, p.id, s.received_at, s.received_at - s.scanned_at, s.flags
FROM scans s LEFT JOIN scan_places p ON p.code = s.place
ORDER BY s.id;
DROP TABLE scans;
ALTER TABLE scans_new RENAME TO scans;
-- Pages of a stamp's history, newest first: the rowid in the index orders them.
CREATE INDEX scans_serial ON scans(serial);
CREATE UNIQUE INDEX scans_client ON scans(client_key) WHERE client_key IS NOT NULL;
CREATE INDEX scans_unverified ON scans(received_at) WHERE verdict = 3;
CREATE INDEX scans_caution ON scans(received_at) WHERE verdict = 1;

-- The latest client event ids of a stamp's scans (4 bytes each, newest first), for retries.
-- Converted scans of the last 7 days keep their key in client_key, so retries of uploads
-- made before the upgrade still count once.
ALTER TABLE stamps ADD COLUMN recent_clients BLOB;

CREATE VIEW scan_log AS
SELECT s.id, s.serial, s.kid, s.client_key, s.verdict, s.reasons, s.device, s.network, p.code AS place,
       s.received_at - s.scan_lag AS scanned_at, s.received_at, s.flags
FROM scans s LEFT JOIN scan_places p ON p.id = s.place_id;
