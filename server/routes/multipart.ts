// Reads a multipart body with a hard byte limit while it streams in, so an oversized or
// endless upload is cut off at the limit instead of being buffered whole (a generic
// body-limit middleware may replace the counting here later).
export const MULTIPART_MAX_BYTES = 20 * 1024 * 1024;

export type MultipartResult =
  | { ok: true; fields: Record<string, string | string[]>; files: Uint8Array[] }
  | { ok: false; code: 'too_large' | 'malformed' };

/** Text parts by name (repeated names become arrays) and the `photos` file parts in order. */
export async function readMultipart(request: Request, maxBytes: number): Promise<MultipartResult> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return { ok: false, code: 'too_large' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, code: 'too_large' };
      }
      chunks.push(value);
    }
  }
  let form: FormData;
  try {
    form = await new Response(new Blob(chunks as BlobPart[]), { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    return { ok: false, code: 'malformed' };
  }
  const fields: Record<string, string | string[]> = {};
  const files: Uint8Array[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') {
      if (name === 'photos') files.push(new Uint8Array(await value.arrayBuffer()));
      continue;
    }
    const prev = fields[name];
    fields[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return { ok: true, fields, files };
}
