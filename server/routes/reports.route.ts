import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { REPORT_STATUSES } from '../repositories/report.repository';
import type { ReportInput } from '../services/reports/report.service';
import { PHOTOS_MAX } from '../services/reports/photo-evidence';
import { createRateLimiter } from '../services/verify/rate-limiter';
import type { TriageError } from '../services/reports/report-triage.service';
import { clientIp as clientAddress } from './client-address';
import { requireRole } from './auth/session.middleware';
import { sendError, validationError } from './errors';
import { withSchema } from './openapi/route-schema';
import { admit, tooManyRequests } from './rate-limit';
import { readMultipart, MULTIPART_MAX_BYTES } from './multipart';
import { validate } from './validate';
import { limitBody } from './http/body-limit';

const reportFields = {
  clientReportId: z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
  payload: z.string().max(4096).optional(),
  verdict: z.enum(['authentic', 'authentic_offline', 'caution', 'revoked', 'unverified', 'not_a_stamp']).optional(),
  reasons: z.array(z.string().max(64)).max(20).optional(),
  productId: z.string().min(1).max(200).optional(),
  shop: z.string().max(300).optional(),
  price: z.number().int().min(0).max(1_000_000_000).optional(),
  note: z.string().max(2000).optional(),
  contact: z.string().max(200).optional(),
  deviceId: z.string().min(8).max(128).optional(),
  place: z.string().max(40).optional(),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
};
const reportBody = z.object(reportFields);
const isMultipart = (c: Context) => (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
// JSON is validated here (typed for hc<AppType>); a multipart body is read by the handler.
type ReportJson = z.input<typeof reportBody>;
const readReportJson = (value: ReportJson, c: Context) => {
  if (isMultipart(c)) return { multipart: true as const };
  const parsed = reportBody.safeParse(value);
  return parsed.success ? { multipart: false as const, body: parsed.data } : validationError(c, 'json', parsed.error);
};
const jsonOrMultipart = withSchema(validator<ReportJson, string, string, 'json', string, typeof readReportJson>('json', readReportJson), 'json', reportBody);
// The same fields as text form parts: `reasons` repeats, `price` is digits, empty parts are absent.
const formText = (schema: z.ZodType) => z.preprocess((v) => (v === '' ? undefined : v), schema);
const reportForm = z.object({
  ...Object.fromEntries(Object.entries(reportFields).map(([k, v]) => [k, formText(v)])),
  reasons: z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), reportFields.reasons),
  price: formText(z.coerce.number().int().min(0).max(1_000_000_000).optional()),
});

/** A JSON report is a few short texts (the note is ≤ 2,000 characters); multipart with photos has its own cap. */
export const REPORT_JSON_BODY_LIMIT = 64 * 1024;
const jsonBodyLimit = limitBody(REPORT_JSON_BODY_LIMIT);

const listQuery = z.object({
  status: z.enum(REPORT_STATUSES).optional(),
  serial: z.string().max(64).optional(),
  productId: z.string().max(200).optional(),
  place: z.string().max(40).optional(),
  assignee: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
  photos: z.enum(['1', '0']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const idParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 31) });
const photoParam = idParam.extend({ seq: z.coerce.number().int().min(1).max(PHOTOS_MAX) });
const changeBody = z
  .object({
    status: z.enum(REPORT_STATUSES).optional(),
    assigneeId: z.number().int().positive().nullable().optional(),
    duplicateOf: z.number().int().positive().nullable().optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change');
const receiptParam = z.object({ receipt: z.string().min(1).max(40) });

// Receipts are unguessable (50 bits); the limit keeps anyone from trying many anyway.
const RECEIPT_LOOKUPS_PER_MINUTE = 30;

const TRIAGE_ERRORS: Record<TriageError['code'], { status: 400 | 404; message: string; message_vi: string }> = {
  not_found: { status: 404, message: 'No such report', message_vi: 'Không tìm thấy báo cáo' },
  unknown_assignee: { status: 400, message: 'No active user with that id', message_vi: 'Không có người dùng đang hoạt động với mã này' },
  unknown_duplicate: { status: 400, message: 'The original report does not exist', message_vi: 'Không có báo cáo gốc này' },
  duplicate_needs_original: { status: 400, message: 'A duplicate must name the original report (duplicateOf)', message_vi: 'Báo cáo trùng lặp cần ghi số báo cáo gốc' },
};

/**
 * /api/reports: shoppers file reports (JSON, or multipart with photos) and read their status
 * by receipt; inspectors list, read and work through them.
 */
export const reportsRoutes = (deps: AppDeps) => {
  const receiptLimiter = createRateLimiter(RECEIPT_LOOKUPS_PER_MINUTE, 60_000, 50_000);

  const submit = async (c: Context, input: ReportInput, photos: Uint8Array[]) => {
    const outcome = await deps.reports.submit(input, photos);
    if (!outcome.ok) {
      const status = outcome.code === 'unsupported_photo_type' ? 415 : outcome.code === 'photo_too_large' ? 413 : 400;
      return sendError(c, status, { code: outcome.code, message: outcome.message, message_vi: outcome.message_vi });
    }
    return c.json(outcome.report, outcome.created ? 201 : 200);
  };

  // One network's flood of reports is refused before its body is read; a JSON report is
  // capped here, a multipart one while its photos stream in (readMultipart).
  const admitReport: MiddlewareHandler = async (c, next) => {
    const { wait } = admit(c, deps, 'report');
    if (wait) return tooManyRequests(c, wait);
    return (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/') ? next() : jsonBodyLimit(c, next);
  };

  return new Hono()
    .post('/', admitReport, jsonOrMultipart, async (c) => {
      const valid = c.req.valid('json');
      if (!valid.multipart) return submit(c, valid.body, []);
      const form = await readMultipart(c.req.raw, MULTIPART_MAX_BYTES);
      if (!form.ok && form.code === 'too_large') {
        return sendError(c, 413, { code: 'payload_too_large', message: `The report with its photos is over ${MULTIPART_MAX_BYTES / 1024 / 1024} MB`, message_vi: `Báo cáo kèm ảnh vượt quá ${MULTIPART_MAX_BYTES / 1024 / 1024} MB` });
      }
      if (!form.ok) return sendError(c, 400, { code: 'bad_request', message: 'Malformed multipart body', message_vi: 'Yêu cầu không hợp lệ' });
      if (form.files.length > PHOTOS_MAX) {
        return sendError(c, 400, { code: 'too_many_photos', message: `At most ${PHOTOS_MAX} photos`, message_vi: `Tối đa ${PHOTOS_MAX} ảnh` });
      }
      const parsed = reportForm.safeParse(form.fields);
      if (!parsed.success) return validationError(c, 'form', parsed.error);
      return submit(c, parsed.data as ReportInput, form.files);
    })
    .get('/receipt/:receipt', validate('param', receiptParam), (c) => {
      if (!receiptLimiter.take(clientAddress(c, deps.config.trustProxy), deps.clock.now().getTime())) {
        return sendError(c, 429, { code: 'too_many_requests', message: 'Too many receipt lookups; wait a minute', message_vi: 'Tra cứu quá nhiều lần; vui lòng đợi một phút' });
      }
      const status = deps.reports.statusByReceipt(c.req.valid('param').receipt);
      if (!status) return sendError(c, 404, { code: 'not_found', message: 'No report with this receipt', message_vi: 'Không có báo cáo với mã biên nhận này' });
      c.header('cache-control', 'no-store');
      return c.json(status, 200);
    })
    .get('/', requireRole(deps, 'inspector'), validate('query', listQuery), (c) => {
      const q = c.req.valid('query');
      const page = deps.staff.triage.list({
        status: q.status,
        serial: q.serial,
        productId: q.productId,
        placeCode: q.place,
        assigneeId: q.assignee === 'none' ? null : q.assignee,
        hasPhotos: q.photos === undefined ? undefined : q.photos === '1',
        limit: q.limit,
        offset: q.offset,
      });
      c.header('cache-control', 'no-store');
      return c.json({ ...page, limit: q.limit, offset: q.offset }, 200);
    })
    .get('/:id', requireRole(deps, 'inspector'), validate('param', idParam), (c) => {
      const report = deps.staff.triage.detail(c.req.valid('param').id);
      if (!report) return sendError(c, 404, { code: 'not_found', message: 'No such report', message_vi: 'Không tìm thấy báo cáo' });
      c.header('cache-control', 'no-store');
      return c.json(report, 200);
    })
    .get('/:id/export.csv', requireRole(deps, 'inspector'), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const csv = deps.staff.caseExport.exportCase(c.var.session.user, id, deps.config.publicUrl);
      if (csv === null) return sendError(c, 404, { code: 'not_found', message: 'No such report', message_vi: 'Không tìm thấy báo cáo' });
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="report-${id}.csv"`, 'cache-control': 'no-store' });
    })
    .get('/:id/photos/:seq', requireRole(deps, 'inspector'), validate('param', photoParam), (c) => {
      const { id, seq } = c.req.valid('param');
      const photo = deps.staff.triage.photo(id, seq);
      if (!photo) return sendError(c, 404, { code: 'not_found', message: 'No such photo', message_vi: 'Không tìm thấy ảnh' });
      return c.body(new Uint8Array(photo.bytes), 200, { 'content-type': photo.mime, 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff' });
    })
    .patch('/:id', requireRole(deps, 'inspector'), validate('param', idParam), validate('json', changeBody), (c) => {
      const out = deps.staff.triage.change(c.var.session.user, c.req.valid('param').id, c.req.valid('json'));
      if (!out.ok) {
        const { status, ...error } = TRIAGE_ERRORS[out.code];
        return sendError(c, status, { code: out.code, ...error });
      }
      return c.json(out.report, 200);
    });
};
