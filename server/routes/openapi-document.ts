// The OpenAPI 3.1 description of the public API, written by hand next to the routes;
// tests/integration/openapi.test.ts checks every documented path answers.

const error = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object', properties: { error } } } } });
const json = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const q = (name: string, description: string, schema: object = { type: 'string' }, required = false) => ({ name, in: 'query', required, description, schema });
const idPath = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const signInNeeded = { 401: errorResponse('Not signed in'), 403: errorResponse('Role may not, CSRF token missing, or one-time password to replace') };
const staffGet = (summary: string, parameters: object[] = []) => ({ summary, parameters, security: [{ session: [] }], responses: { 200: json('OK'), ...signInNeeded } });
const staffPost = (summary: string, parameters: object[] = []) => ({ summary, parameters, security: [{ session: [], csrf: [] }], responses: { 200: json('OK'), 400: errorResponse('Invalid request'), ...signInNeeded } });

/** Build the OpenAPI document for a server reachable at `serverUrl`. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nguồn Việt API',
      version: '0.1.0',
      description: 'Registry of Vietnamese OCOP products, producers, protected marks and HVNCL awards; search and offline sync. Errors are {error: {code, message, message_vi}} with a 4xx status.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/health': { get: { summary: 'Liveness, registry version, search engines', responses: { 200: json('OK') } } },
      '/api/client-config': { get: { summary: 'Stamp hosts and official domains, for reading scans offline', responses: { 200: json('OK') } } },
      '/api/products': {
        get: {
          summary: 'Search and filter products (Vietnamese with or without diacritics, Telex, typos)',
          parameters: [
            q('q', 'search text, max 200 characters'),
            q('stars', 'comma-separated OCOP stars: 3,4,5'),
            q('group', 'OCOP product group'),
            q('place', 'place id (current or pre-2025 unit)'),
            q('mark', 'mark id'),
            q('awardYear', 'HVNCL award year', { type: 'integer' }),
            q('cert', 'certificate state', { type: 'string', enum: ['valid', 'expired', 'unknown', 'none'] }),
            q('limit', '1–100, default 20', { type: 'integer' }),
            q('offset', 'default 0', { type: 'integer' }),
            q('facets', '1 (default) to return facet counts', { type: 'string', enum: ['0', '1', 'true', 'false'] }),
          ],
          responses: {
            200: json(
              'A page of product summaries with facets. query: {raw, interpreted, corrections, matchedWords, unmatchedWords} — unmatchedWords are typed words no result matches (the results then match only matchedWords); each item has match: [{field: former_place|place|producer|province, text}], the fields besides its name that the query matched, and certificateStatus, certYear, certLatestUntil',
            ),
            400: errorResponse('Invalid query'),
          },
        },
      },
      '/api/products/{id}': {
        get: {
          summary:
            'One product with producer, OCOP certifications (decision, year, valid-until; latestUntil = 31/12/(year+3) when only the year is known; status valid|expired|unknown on today), marks, awards and provenance (sourceUrl; sourceDocument = file and line of the gathered dataset, for inspectors)',
          parameters: [idPath],
          responses: { 200: json('Product'), 404: errorResponse('No such product') },
        },
      },
      '/api/producers/{id}': { get: { summary: 'A producer and its products', parameters: [idPath], responses: { 200: json('Producer'), 404: errorResponse('No such producer') } } },
      '/api/marks': { get: { summary: 'Protected marks (geographical indications, collective marks)', responses: { 200: json('Marks') } } },
      '/api/marks/{id}': { get: { summary: 'One mark', parameters: [idPath], responses: { 200: json('Mark'), 404: errorResponse('No such mark') } } },
      '/api/awards': { get: { summary: 'HVNCL award winners and yearly figures', parameters: [q('year', 'award year', { type: 'integer' })], responses: { 200: json('Awards'), 400: errorResponse('Invalid query') } } },
      '/api/places': {
        get: {
          summary: 'Administrative units: current (after 1 July 2025) and pre-2025 Hanoi units',
          parameters: [
            q('era', 'current or pre2025', { type: 'string', enum: ['current', 'pre2025'] }),
            q('level', 'province, ward, commune, district'),
            q('parent', 'parent place id'),
            q('ids', 'only these place ids, comma-separated (at most 1000)'),
            q('limit', '1–1000, default 200', { type: 'integer' }),
            q('offset', 'default 0', { type: 'integer' }),
          ],
          responses: { 200: json('Places'), 400: errorResponse('Invalid query') },
        },
      },
      '/api/sync/snapshot': {
        get: {
          summary: 'The whole public registry at the current version (ETag, gzip/deflate)',
          responses: { 200: json('Snapshot: {version, generatedAt, records: {kind: rows}}'), 304: { description: 'Not modified' } },
        },
      },
      '/api/sync/changes': {
        get: {
          summary: 'Change-log entries after a version, oldest first, paged',
          parameters: [q('since', 'last version the client has', { type: 'integer' }, true), q('limit', 'page size, default 1000', { type: 'integer' })],
          responses: {
            200: json('{since, to, current, hasMore, changes: [{v, kind, id, op, data}]}'),
            304: { description: 'Not modified' },
            400: errorResponse('Invalid query'),
            410: errorResponse('Version too old or unknown: take a fresh snapshot (code snapshot_required)'),
          },
        },
      },
      '/api/verify': {
        post: {
          summary: 'Verify any scanned text: graded verdict with reasons (vi/en), product card, GTIN/GS1 or URL explanation; records a scan event',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['payload'],
                  properties: {
                    payload: { type: 'string', maxLength: 4096 },
                    deviceId: { type: 'string', description: "the phone's id; only one the server issued (POST /api/device, or deviceToken in an answer) counts as another phone's check; stored only as a keyed hash" },
                    clientEventId: { type: 'string', description: 'idempotency key of a queued scan' },
                    scannedAt: { type: 'string', format: 'date-time' },
                    place: { type: 'string', description: 'current ward/commune or province id, nothing finer' },
                    pin: { type: 'string', pattern: '^\\d{4,8}$' },
                  },
                },
              },
            },
          },
          responses: {
            200: json('{verdict: authentic|caution|revoked|unverified|not_a_stamp, reasons: [{code, message_vi, message_en, …}], stamp?, batch?, product?, producer?, certifications?, marks?, awards?, gtin?, url?, deviceToken?}'),
            400: errorResponse('Invalid request'),
            413: errorResponse('Body over 8 KB (payload_too_large)'),
            429: errorResponse('Too many requests from this address or network (rate_limited; Retry-After)'),
            503: errorResponse('The scan could not be stored just now (storage_unavailable): retry with the same clientEventId'),
          },
        },
      },
      '/api/device': {
        post: {
          summary: 'A new server-issued device id for a phone (the PWA asks once, before its first scan)',
          responses: {
            201: json('{deviceToken: string}'),
            429: errorResponse('Too many new device ids from this address or network (rate_limited; Retry-After)'),
          },
        },
      },
      '/api/reports': {
        post: {
          summary: 'Report a suspected fake (anonymous; idempotent by clientReportId)',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['clientReportId'],
                  properties: {
                    clientReportId: { type: 'string', description: 'id chosen by the phone; a re-send is a no-op' },
                    payload: { type: 'string', maxLength: 4096, description: 'the scanned text' },
                    verdict: { type: 'string', description: 'the verdict the phone showed' },
                    reasons: { type: 'array', items: { type: 'string' } },
                    productId: { type: 'string' },
                    shop: { type: 'string', description: 'where it was bought' },
                    note: { type: 'string', maxLength: 2000 },
                    contact: { type: 'string', description: 'only if the shopper wants a reply' },
                    deviceId: { type: 'string', description: "the phone's id; only one the server issued (POST /api/device, or deviceToken in an answer) counts as another phone's check; stored only as a keyed hash" },
                    place: { type: 'string', description: 'ward/commune id, nothing finer' },
                    reportedAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          },
          responses: { 201: json('{id, status, receivedAt}'), 200: json('Already received: {id, status, receivedAt}'), 400: errorResponse('Invalid or empty report, unknown product or place'), 413: errorResponse('Body over 64 KB (payload_too_large)') },
        },
      },
      '/api/reports/receipt/{receipt}': {
        get: { summary: "A shopper's report status by receipt: {status, updatedAt} only (30 lookups/min per address)", parameters: [{ name: 'receipt', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: json('{status, updatedAt}'), 404: errorResponse('No such receipt'), 429: errorResponse('Too many lookups') } },
      },
      // Inspectors and admins: session cookie from /api/auth/login; changes also need the x-csrf-token header.
      '/api/auth/login': { post: { summary: 'Sign in: {email, password} → {user, csrfToken, expiresAt} and the session cookie', responses: { 200: json('Signed in'), 401: errorResponse('Wrong email or password'), 429: errorResponse('Too many failed sign-ins (Retry-After)') } } },
      '/api/auth/session': { get: staffGet('The current session and its CSRF token') },
      '/api/auth/logout': { post: staffPost('Sign out') },
      '/api/auth/logout-everywhere': { post: staffPost('End every session of this user') },
      '/api/auth/password': { post: staffPost('Replace the password: {current, next}') },
      '/api/reports/{id}': { get: staffGet('One report with notes and photo list (inspector)', [idPath]), patch: staffPost('Workflow: {status?, assigneeId?, duplicateOf?, note?} (inspector)', [idPath]) },
      '/api/reports/{id}/export.csv': { get: staffGet('The case as CSV (inspector)', [idPath]) },
      '/api/inspector/stamps/{serial}/history': { get: staffGet("A stamp's scans with anomaly reasons, paged by ?cursor= (inspector)", [{ name: 'serial', in: 'path', required: true, schema: { type: 'string' } }]) },
      '/api/inspector/alerts': { get: staffGet('Alerts: leaked keys, stamps reported from several phones, ward bursts (inspector)') },
      '/api/inspector/map': { get: staffGet('Reports per Hanoi ward/commune (inspector)') },
      '/api/admin/users': { get: staffGet('Users (admin)'), post: staffPost('Invite {email, role} → one-time password (admin)') },
      '/api/admin/audit': { get: staffGet('The audit log, newest first, ?before= (admin)') },
      '/api/admin/audit/export.csv': { get: staffGet('The audit log as CSV (admin)') },
      '/api/admin/import/dry-run': { post: staffPost('Diff registry files against the registry, changing nothing (admin)') },
      '/api/admin/import/apply': { post: staffPost('Apply registry files if the registry is still at expectedVersion (admin)') },
      '/api/admin/batches': { post: staffPost('Issue a batch; answers its printable PDF (admin)') },
      '/api/admin/keys': { get: staffGet("Issuers' signing keys, public facts only (admin)") },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: json('OpenAPI 3.1') } } },
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: '__Host-nv_session', description: 'nv_session over plain HTTP' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message', 'message_vi'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, message_vi: { type: 'string' }, details: {} },
        },
      },
    },
  };
}
