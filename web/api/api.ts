// The app's one API client, on the page's own origin.
import { createApiClient } from './client';

export const api = createApiClient('');

/** A signal that aborts after `ms`: a shopper on weak 3G should not wait forever. */
export const timeout = (ms: number): AbortSignal => AbortSignal.timeout(ms);
