// Request deadlines for the app and the offline module (which must not import the client).

/** A signal that aborts after `ms`: a shopper on weak 3G should not wait forever. */
export function timeout(ms: number): AbortSignal {
  // Not AbortSignal.timeout: Safari before 16 lacks it, and the throw read as "offline".
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DOMException('The request timed out.', 'TimeoutError')), ms);
  return controller.signal;
}
