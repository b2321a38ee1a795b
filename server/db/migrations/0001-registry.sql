-- Registry entities of PRODUCT.md §5 with provenance on every record, and the
-- append-only change log that feeds sync, the search index and replicas.

CREATE TABLE places (
  id             TEXT PRIMARY KEY,          -- e.g. 'vn2025:00004', 'hn2024:ward:00004', 'hn2024:district:001'
  era            TEXT NOT NULL CHECK (era IN ('current', 'pre2025')),
  level          TEXT NOT NULL,             -- province | ward | commune | district | special_zone
  code           TEXT NOT NULL,             -- official administrative code
  name           TEXT NOT NULL,
  full_name      TEXT NOT NULL,
  name_en        TEXT,
  unit_type      TEXT,
  parent_id      TEXT REFERENCES places(id),
  valid_from     TEXT,
  valid_until    TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);
CREATE INDEX places_parent ON places(parent_id);

-- Former unit -> current unit (a former commune may be split over several new ones).
CREATE TABLE place_aliases (
  id             TEXT PRIMARY KEY,          -- '<old_place_id>><new_place_id>'
  old_place_id   TEXT NOT NULL REFERENCES places(id),
  new_place_id   TEXT NOT NULL REFERENCES places(id),
  merge_note     TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);
CREATE INDEX place_aliases_old ON place_aliases(old_place_id);
CREATE INDEX place_aliases_new ON place_aliases(new_place_id);

CREATE TABLE producers (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  type           TEXT CHECK (type IN ('company', 'cooperative', 'household')),
  province       TEXT,
  address        TEXT,
  place_id       TEXT,
  notes          TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

CREATE TABLE products (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  producer_id    TEXT REFERENCES producers(id),
  ocop_group     TEXT,
  ocop_group_basis TEXT CHECK (ocop_group_basis IN ('source', 'derived')),
  category       TEXT,
  province       TEXT,
  commune        TEXT,                      -- current commune/ward name as the source states it
  district_pre2025 TEXT,
  commune_pre2025  TEXT,
  old_place_id   TEXT REFERENCES places(id), -- pre-2025 commune or district the sources cite
  place_id       TEXT REFERENCES places(id), -- current ward/commune or province when known
  aggregate_count INTEGER NOT NULL DEFAULT 1, -- > 1: one row standing for several unnamed products
  is_aggregate   INTEGER NOT NULL DEFAULT 0,
  gtins          TEXT NOT NULL DEFAULT '[]',  -- JSON array of GTIN-14 strings
  where_to_buy   TEXT,
  notes          TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);
CREATE INDEX products_producer ON products(producer_id);

CREATE TABLE ocop_certifications (
  id             TEXT PRIMARY KEY,
  product_id     TEXT NOT NULL REFERENCES products(id),
  stars          INTEGER CHECK (stars IS NULL OR stars BETWEEN 3 AND 5),
  potential_five INTEGER NOT NULL DEFAULT 0,
  rating_note    TEXT,                      -- e.g. 'district council score', when not a final rating
  decision_number TEXT,
  decision_date  TEXT,
  year           TEXT,                      -- as the source states it ('2021', '2019-2024', '≤2021')
  issuing_body   TEXT,
  valid_until    TEXT,                      -- decision_date + 36 months (or as the certificate states)
  notes          TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);
CREATE INDEX ocop_certifications_product ON ocop_certifications(product_id);

CREATE TABLE marks (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('geographical_indication', 'collective', 'certification', 'trademark')),
  holder         TEXT,
  product        TEXT,
  region         TEXT,
  registration_no TEXT,
  decision       TEXT,
  decision_date  TEXT,                      -- ISO date when the source gives one
  date_text      TEXT,                      -- the date as the source words it
  status         TEXT,
  notes          TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

-- Which products/producers may use a mark, each link with its own source.
CREATE TABLE mark_links (
  id             TEXT PRIMARY KEY,          -- '<mark_id>><product_id or producer_id>'
  mark_id        TEXT NOT NULL REFERENCES marks(id),
  product_id     TEXT REFERENCES products(id),
  producer_id    TEXT REFERENCES producers(id),
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);
CREATE INDEX mark_links_product ON mark_links(product_id);

CREATE TABLE awards (
  id             TEXT PRIMARY KEY,
  year           INTEGER NOT NULL,
  programme      TEXT NOT NULL DEFAULT 'HVNCL',
  rank           TEXT,
  enterprise     TEXT NOT NULL,
  product_or_service TEXT,
  product_id     TEXT REFERENCES products(id),
  notes          TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

CREATE TABLE award_programmes (
  id             TEXT PRIMARY KEY,          -- 'HVNCL-2025'
  year           INTEGER NOT NULL,
  recognised_products TEXT,
  enterprises    TEXT,
  applicants     TEXT,
  groups         TEXT,
  votes          TEXT,
  rank_breakdown TEXT,
  ceremony       TEXT,
  notes          TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

CREATE TABLE gs1_prefixes (
  id             TEXT PRIMARY KEY,          -- '<start>-<end>'
  prefix_start   TEXT NOT NULL,
  prefix_end     TEXT NOT NULL,
  prefix_digits  INTEGER NOT NULL,
  organisation   TEXT NOT NULL,
  data_as_of     TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

CREATE TABLE ocop_stats (
  id             TEXT PRIMARY KEY,
  scope          TEXT NOT NULL,
  as_of          TEXT,
  total_3star_plus TEXT,
  five_star      TEXT,
  potential_five_star TEXT,
  four_star      TEXT,
  three_star     TEXT,
  other          TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

CREATE TABLE ocop_rules (
  id             TEXT PRIMARY KEY,
  topic          TEXT NOT NULL,
  fact           TEXT NOT NULL,
  legal_basis    TEXT,
  confidence     TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

CREATE TABLE ocop_categories (
  id             TEXT PRIMARY KEY,
  industry       TEXT NOT NULL,
  group_name     TEXT NOT NULL,
  product_set    TEXT,
  managing_ministry TEXT,
  source_url     TEXT NOT NULL,
  source_document TEXT,
  imported_at    TEXT NOT NULL
);

-- Append-only: one row per real change; version is the sync cursor.
CREATE TABLE change_log (
  version        INTEGER PRIMARY KEY AUTOINCREMENT,
  entity         TEXT NOT NULL,
  entity_id      TEXT NOT NULL,
  op             TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  data           TEXT,                      -- JSON of the record after the change; NULL for delete
  changed_at     TEXT NOT NULL
);
CREATE INDEX change_log_entity ON change_log(entity, entity_id);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

-- Small key/value state: search index cursors, seed markers.
CREATE TABLE meta (
  key            TEXT PRIMARY KEY,
  value          TEXT NOT NULL
);
