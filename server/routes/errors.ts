import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z, type ZodError } from 'zod';

/** The one error shape of the API (CONVENTIONS 12): stable code, English and Vietnamese message. */
export const apiErrorSchema = z.object({
  code: z.string().describe('stable, machine-readable (invalid_request, not_found, rate_limited, …)'),
  message: z.string().describe('English'),
  message_vi: z.string().describe('Vietnamese'),
  details: z.unknown().optional().describe('e.g. the bad fields of an invalid_request'),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Send an error response in the API's shape. */
export function sendError(c: Context, status: ContentfulStatusCode, error: ApiError) {
  return c.json({ error }, status);
}

/** The 400 of a failed zod validation, naming each bad field. */
export function invalidRequest(target: string, error: ZodError): ApiError {
  const issues = error.issues.map((i) => ({ field: i.path.join('.') || target, message: i.message }));
  return {
    code: 'invalid_request',
    message: `Invalid ${target}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    message_vi: `Yêu cầu không hợp lệ (${issues.map((i) => i.field).join(', ')})`,
    details: issues,
  };
}

/** Turn a failed zod validation into a 400 that names each bad field. */
export function validationError(c: Context, target: string, error: ZodError) {
  return sendError(c, 400, invalidRequest(target, error));
}

/** The 400 for malformed input the framework parses itself (e.g. a JSON body that is not JSON). */
export const badRequest = (message: string): ApiError => ({ code: 'bad_request', message: message || 'Bad request', message_vi: 'Yêu cầu không hợp lệ' });

/** What Hono's JSON validator says of a body that does not parse; the node fast path says the same. */
export const MALFORMED_JSON_MESSAGE = 'Malformed JSON in request body';

/** The 500 of an unexpected failure (logged, never detailed to the caller). */
export const INTERNAL_ERROR: ApiError = { code: 'internal_error', message: 'Internal error', message_vi: 'Lỗi máy chủ' };

/** A 404 for a record that does not exist; the id asked for is not echoed back (it is part of the request path). */
export const notFound = (what: string): ApiError => ({
  code: 'not_found',
  message: `No ${what} with this id`,
  message_vi: `Không tìm thấy ${what === 'product' ? 'sản phẩm' : what === 'producer' ? 'cơ sở sản xuất' : what === 'mark' ? 'nhãn hiệu' : 'bản ghi'} có mã này`,
});
