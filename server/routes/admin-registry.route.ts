import { Hono, type Context, type Next } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { CONSOLE_BATCH_MAX } from '../services/admin/registry-admin.service';
import { requireRole } from './auth/session.middleware';
import { sendError } from './errors';
import { validate } from './validate';

// Registry files come as text in JSON; the whole request is bounded before it is read.
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const files = z
  .array(z.object({ name: z.string().min(1).max(200).regex(/^[^/\\]+\.(csv|json)$/i, 'a .csv or .json file name'), text: z.string().max(IMPORT_MAX_BYTES) }))
  .min(1)
  .max(20);
const dryRunBody = z.object({ files, prune: z.boolean().default(false) });
const applyBody = dryRunBody.extend({ expectedVersion: z.number().int().min(0) });
const issueBody = z.object({
  productId: z.string().min(1).max(200),
  count: z.number().int().min(1).max(CONSOLE_BATCH_MAX),
  withPin: z.boolean().default(false),
  expiresAt: z.iso.date().nullable().default(null),
});
const reasonBody = z.object({ reason: z.string().trim().min(3).max(500) });
const batchParam = z.object({ id: z.string().min(1).max(100) });
const kidParam = z.object({ kid: z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/) });
const issuerParam = z.object({ id: z.string().min(1).max(100) });
const serialParam = z.object({ serial: z.string().min(4).max(64).regex(/^[A-Za-z0-9-]+$/) });

const tooLarge = async (c: Context, next: Next) => {
  if (Number(c.req.header('content-length') ?? '0') > IMPORT_MAX_BYTES + 64 * 1024) {
    return sendError(c, 413, { code: 'payload_too_large', message: 'The upload is over 10 MB', message_vi: 'Tệp tải lên vượt quá 10 MB' });
  }
  await next();
};

const sources = (list: { name: string; text: string }[]) => list.map((f) => ({ file: f.name, text: f.text }));

/** /api/admin: registry import with a dry-run diff, issuing and revoking stamps (admins only, audited). */
export const adminRegistryRoutes = (deps: AppDeps) =>
  new Hono()
    .post('/import/dry-run', requireRole(deps, 'admin'), tooLarge, validate('json', dryRunBody), (c) => {
      const { files: list, prune } = c.req.valid('json');
      return c.json(deps.staff.registryAdmin.dryRunImport(sources(list), prune), 200);
    })
    .post('/import/apply', requireRole(deps, 'admin'), tooLarge, validate('json', applyBody), async (c) => {
      const { files: list, prune, expectedVersion } = c.req.valid('json');
      const out = await deps.staff.registryAdmin.applyImport(c.var.session.user, sources(list), prune, expectedVersion);
      if (out.ok) return c.json(out.summary, 200);
      if (out.code === 'registry_changed') {
        return sendError(c, 409, { code: out.code, message: 'The registry changed since the diff was shown; review the new diff', message_vi: 'Danh bạ đã thay đổi từ lúc xem so sánh; hãy xem lại bản so sánh mới', details: out.dryRun });
      }
      return sendError(c, 400, { code: out.code, message: 'The file has errors; nothing was changed', message_vi: 'Tệp có lỗi; chưa thay đổi gì', details: out.dryRun });
    })
    .post('/batches', requireRole(deps, 'admin'), validate('json', issueBody), async (c) => {
      const out = await deps.staff.registryAdmin.issueBatch(c.var.session.user, c.req.valid('json'));
      if (!out.ok && out.code === 'unknown_product') return sendError(c, 400, { code: out.code, message: 'No such product', message_vi: 'Không có sản phẩm này' });
      if (!out.ok) return sendError(c, 409, { code: out.code, message: 'The issuer has no active signing key (run keys:rotate)', message_vi: 'Đơn vị phát hành chưa có khóa ký đang dùng' });
      // The sheet (with any PINs) is handed over once and not kept on the server.
      return c.body(new Uint8Array(out.pdf), 201, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${out.batchId}.pdf"`,
        'x-batch-id': out.batchId,
        'x-stamp-count': String(out.count),
        'cache-control': 'no-store',
      });
    })
    .post('/batches/:id/revoke', requireRole(deps, 'admin'), validate('param', batchParam), validate('json', reasonBody), (c) => {
      const out = deps.staff.registryAdmin.revoke(c.var.session.user, { batchId: c.req.valid('param').id }, c.req.valid('json').reason);
      if (!out.ok) return sendError(c, 404, { code: 'not_found', message: 'No such batch', message_vi: 'Không có lô tem này' });
      return c.json({ revoked: out.revoked }, 200);
    })
    .get('/keys', requireRole(deps, 'admin'), (c) => c.json({ items: deps.staff.registryAdmin.keys() }, 200))
    .post('/issuers/:id/rotate', requireRole(deps, 'admin'), validate('param', issuerParam), async (c) => {
      const out = await deps.staff.registryAdmin.rotateKey(c.var.session.user, c.req.valid('param').id);
      if (!out.ok) return sendError(c, 404, { code: 'not_found', message: 'No such issuer', message_vi: 'Không có đơn vị phát hành này' });
      return c.json({ kid: out.kid }, 200);
    })
    .post('/keys/:kid/revoke', requireRole(deps, 'admin'), validate('param', kidParam), validate('json', reasonBody), (c) => {
      const out = deps.staff.registryAdmin.revokeKey(c.var.session.user, c.req.valid('param').kid.toUpperCase(), c.req.valid('json').reason);
      if (!out.ok && out.code === 'not_found') return sendError(c, 404, { code: 'not_found', message: 'No such key', message_vi: 'Không có khóa này' });
      if (!out.ok) return sendError(c, 409, { code: out.code, message: 'The key is revoked already', message_vi: 'Khóa đã bị thu hồi trước đó' });
      return c.json(out, 200);
    })
    .post('/stamps/:serial/revoke', requireRole(deps, 'admin'), validate('param', serialParam), validate('json', reasonBody), (c) => {
      const serial = c.req.valid('param').serial.toUpperCase().replace(/-/g, '');
      const out = deps.staff.registryAdmin.revoke(c.var.session.user, { serial }, c.req.valid('json').reason);
      if (!out.ok) return sendError(c, 404, { code: 'not_found', message: 'No such stamp', message_vi: 'Không có tem này' });
      return c.json({ revoked: out.revoked }, 200);
    });
