import type { Context } from 'hono';
import type { AppDeps } from '../app-deps';
import type { LimitedAction } from '../services/limits/client-limits';
import { clientOf } from './client-address';
import { sendError, type ApiError } from './errors';

/** The 429 error for a wait of `waitMs`, and the Retry-After value (whole seconds) that goes with it. */
export function rateLimited(waitMs: number): { retryAfter: string; error: ApiError } {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return {
    retryAfter: String(seconds),
    error: {
      code: 'rate_limited',
      message: `Too many requests from this network; try again in ${seconds} s`,
      message_vi: `Quá nhiều yêu cầu từ mạng này; vui lòng thử lại sau ${seconds} giây`,
      details: { retryAfterSeconds: seconds },
    },
  };
}

/** 429 in the API's shape, with Retry-After in whole seconds. */
export function tooManyRequests(c: Context, waitMs: number) {
  const { retryAfter, error } = rateLimited(waitMs);
  c.header('Retry-After', retryAfter);
  return sendError(c, 429, error);
}

/** The caller, and the wait before `action` is allowed for it (0: go ahead). */
export function admit(c: Context, deps: Pick<AppDeps, 'config' | 'limits'>, action: LimitedAction) {
  const client = clientOf(c, deps.config.trustProxy);
  return { client, wait: deps.limits.admit(action, client, Date.now()) };
}
