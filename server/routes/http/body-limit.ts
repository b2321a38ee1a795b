import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sendError } from '../errors';

/**
 * Refuse a request body over `maxBytes` with 413 in the API's error shape. A declared
 * Content-Length over the limit is refused before any byte is read; a chunked body is
 * counted as it streams and refused at the first chunk past the limit, so an oversized
 * body is never buffered (the node adapter then drains at most 64 MB or 500 ms and closes).
 * Each route passes its own limit (verify a few KB; reports more once they carry photos).
 */
export const limitBody = (maxBytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('Connection', 'close');
      return sendError(c, 413, {
        code: 'payload_too_large',
        message: `The request body is larger than ${formatBytes(maxBytes)}`,
        message_vi: `Nội dung gửi lên vượt quá ${formatBytes(maxBytes)}`,
      });
    },
  });

const formatBytes = (n: number) => (n % 1024 === 0 ? `${n / 1024} KB` : `${n} bytes`);
