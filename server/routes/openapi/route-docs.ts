// The words of the OpenAPI document: a summary per route and the answers that are not
// generated (success bodies, and errors other than invalid input, sign-in and not found).
// Paths, parameters, request bodies and security come from the routes themselves
// (openapi-document.ts); tests/integration/openapi.test.ts fails when a route has no entry
// here or an entry names no route.

export interface RouteDoc {
  summary: string;
  /** The success answer: status and description (default 200 "OK"). */
  ok?: { status: number; description: string };
  /** Further error answers, by status. */
  errors?: Record<number, string>;
  /** Not a JSON answer (CSV, HTML, PDF, an image). */
  contentType?: string;
}

const rateLimited = 'Too many requests from this address or network (rate_limited; Retry-After)';

/** Keyed by "METHOD /path" with OpenAPI's {param} path syntax. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /api/health': { summary: 'Liveness, registry version, search engines' },
  'GET /api/client-config': { summary: 'Stamp hosts and official domains, for reading scans offline' },
  'GET /api/products': {
    summary: 'Search and filter products (Vietnamese with or without diacritics, Telex, typos)',
    ok: {
      status: 200,
      description:
        'A page of product summaries with facets. query: {raw, interpreted, corrections, matchedWords, unmatchedWords} — unmatchedWords are typed words no result matches (the results then match only matchedWords); each item has match: [{field: former_place|place|producer|province, text}], the fields besides its name that the query matched, and certificateStatus, certYear, certLatestUntil',
    },
  },
  'GET /api/products/{id}': {
    summary:
      'One product with producer, OCOP certifications (decision, year, valid-until; latestUntil = 31/12/(year+3) when only the year is known; status valid|expired|unknown on today), marks, awards and provenance (sourceUrl; sourceDocument = file and line of the gathered dataset, for inspectors)',
  },
  'GET /api/producers/{id}': { summary: 'A producer and its products' },
  'GET /api/marks': { summary: 'Protected marks (geographical indications, collective marks)' },
  'GET /api/marks/{id}': { summary: 'One mark' },
  'GET /api/awards': { summary: 'HVNCL ("Hàng Việt Nam được người tiêu dùng yêu thích") award winners and yearly figures' },
  'GET /api/places': { summary: 'Administrative units: current (after 1 July 2025) and pre-2025 (former provinces, Hanoi districts and wards)' },
  'GET /api/sync/snapshot': {
    summary: 'The whole public registry at the current version (ETag, gzip/deflate)',
    ok: { status: 200, description: 'Snapshot: {version, generatedAt, records: {kind: rows}}; 304 when If-None-Match matches' },
  },
  'GET /api/sync/changes': {
    summary: 'Change-log entries after a version, oldest first, paged',
    ok: { status: 200, description: '{since, to, current, hasMore, changes: [{v, kind, id, op, data}]}; 304 when nothing changed' },
    errors: { 410: 'Version too old or unknown: take a fresh snapshot (snapshot_required)' },
  },
  'POST /api/verify': {
    summary: 'Verify any scanned text: graded verdict with reasons (vi/en), product card, GTIN/GS1 or URL explanation; records a scan event',
    ok: { status: 200, description: '{verdict: authentic|caution|revoked|unverified|not_a_stamp, reasons: [{code, message_vi, message_en, …}], stamp?, batch?, product?, producer?, certifications?, marks?, awards?, gtin?, url?, deviceToken?}' },
    errors: { 413: 'Body over 8 KB (payload_too_large)', 429: rateLimited, 503: 'The scan could not be stored just now (storage_unavailable): retry with the same clientEventId' },
  },
  'POST /api/device': {
    summary: 'A new server-issued device id for a phone (the PWA asks once, before its first scan)',
    ok: { status: 201, description: '{deviceToken: string}' },
    errors: { 429: rateLimited },
  },
  'POST /api/reports': {
    summary: 'Report a suspected fake (anonymous; idempotent by clientReportId); JSON as below, or multipart/form-data with the same fields as parts plus up to 3 photos',
    ok: { status: 201, description: '{id, status, receivedAt} (200 with the same when already received)' },
    errors: { 413: 'Body over 64 KB, or photos over their limit (payload_too_large)', 429: rateLimited },
  },
  'GET /api/reports/receipt/{receipt}': { summary: "A shopper's report status by receipt: {status, updatedAt} only", errors: { 429: 'Too many lookups' } },
  'GET /api/reports': { summary: 'Reports, newest first, filtered by status (inspector)' },
  'GET /api/reports/{id}': { summary: 'One report with notes and photo list (inspector)' },
  'PATCH /api/reports/{id}': { summary: 'Workflow: status, assignee, duplicate-of, note (inspector)' },
  'GET /api/reports/{id}/export.csv': { summary: 'The case as CSV (inspector)', contentType: 'text/csv' },
  'GET /api/reports/{id}/photos/{seq}': { summary: "One of a report's photos (inspector)", contentType: 'image/webp' },
  'POST /api/auth/login': { summary: 'Sign in → {user, csrfToken, expiresAt} and the session cookie', errors: { 401: 'Wrong email or password', 429: 'Too many failed sign-ins (Retry-After)' } },
  'GET /api/auth/session': { summary: 'The current session and its CSRF token' },
  'POST /api/auth/logout': { summary: 'Sign out' },
  'POST /api/auth/logout-everywhere': { summary: 'End every session of this user' },
  'POST /api/auth/password': { summary: 'Replace the password (also with a one-time password)' },
  'GET /api/inspector/alerts': { summary: 'Alerts: leaked keys, stamps reported from several phones, ward bursts (inspector)' },
  'GET /api/inspector/map': { summary: 'Reports per Hanoi ward/commune (inspector)' },
  'GET /api/inspector/stamps/{serial}/history': { summary: "A stamp's scans with anomaly reasons, paged by cursor (inspector)" },
  'GET /api/admin/users': { summary: 'Users (admin)' },
  'POST /api/admin/users': { summary: 'Invite a user → one-time password (admin)', ok: { status: 201, description: '{user, oneTimePassword}' } },
  'PATCH /api/admin/users/{id}': { summary: "Change a user's role or disable it (admin)" },
  'POST /api/admin/users/{id}/reset-password': { summary: 'A new one-time password for a user (admin)' },
  'GET /api/admin/audit': { summary: 'The audit log, newest first, paged by before (admin)' },
  'GET /api/admin/audit/export.csv': { summary: 'The audit log as CSV (admin)', contentType: 'text/csv' },
  'POST /api/admin/import/dry-run': { summary: 'Diff registry files against the registry, changing nothing (admin)', errors: { 413: 'Files too large (payload_too_large)' } },
  'POST /api/admin/import/apply': { summary: 'Apply registry files if the registry is still at expectedVersion (admin)', errors: { 409: 'The registry changed meanwhile', 413: 'Files too large (payload_too_large)' } },
  'POST /api/admin/batches': { summary: 'Issue a batch of stamps; answers its printable PDF (admin)', contentType: 'application/pdf' },
  'POST /api/admin/batches/{id}/revoke': { summary: 'Revoke a batch with a reason (admin)' },
  'GET /api/admin/keys': { summary: "Issuers' signing keys, public facts only (admin)" },
  'POST /api/admin/issuers/{id}/rotate': { summary: 'Give an issuer a new signing key (admin)' },
  'POST /api/admin/keys/{kid}/revoke': { summary: 'Revoke a signing key: every stamp it signed then answers unverified (admin)' },
  'POST /api/admin/stamps/{serial}/revoke': { summary: 'Revoke one stamp with a reason (admin)' },
  'GET /api/openapi.json': { summary: 'This document, generated from the routes' },
  // The URL printed in a stamp's QR code: a page for a phone without the app (records the scan).
  'GET /S/{kid}/{serial}/{sig}': { summary: "A stamp's verdict page (HTML), the address its QR code holds", contentType: 'text/html' },
  'GET /s/{kid}/{serial}/{sig}': { summary: 'The same page for a lowercase stamp URL', contentType: 'text/html' },
};
