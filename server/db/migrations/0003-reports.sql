-- Shoppers' reports of suspected fakes (PRODUCT.md §2, §7): sent from the verdict
-- screen on `caution` / `unverified`, queued offline and uploaded later, so the client
-- picks the id and a re-send is a no-op. Inspectors triage them (status).

CREATE TABLE reports (
  id               INTEGER PRIMARY KEY,
  client_report_id TEXT NOT NULL UNIQUE,
  payload          TEXT,                      -- the scanned text, as read
  serial           TEXT,                      -- our stamp's serial, when it was one
  verdict          TEXT,                      -- what the shopper's phone showed
  reasons          TEXT NOT NULL DEFAULT '[]',-- JSON array of reason codes shown
  product_id       TEXT,
  shop             TEXT,                      -- where it was bought (free text)
  note             TEXT,
  contact          TEXT,                      -- only if the shopper wants a reply
  device_hash      TEXT,                      -- keyed hash of the device id, never the id
  place_code       TEXT,                      -- coarse place only: a ward/commune id
  status           TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'triaged', 'closed')),
  reported_at      TEXT NOT NULL,             -- when the shopper pressed send (phone clock)
  received_at      TEXT NOT NULL
);
CREATE INDEX reports_status ON reports(status, received_at);
CREATE INDEX reports_serial ON reports(serial);
