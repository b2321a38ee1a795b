// Device ids the server hands out (issue #9 item 4). A phone asks once and keeps its id;
// only such ids can make a scan count as another phone's check. New ids are rate-limited
// per address and network, so one actor cannot mint a crowd of phones.
import type { ClientLimits } from '../limits/client-limits';
import { isDeviceToken, issueDeviceToken } from '../verify/device-token';

export interface DeviceService {
  /** A new signed device id, or the milliseconds to wait when this client asked too often. */
  issue(client: { ip: string; network: string }, nowMs: number): { token: string } | { retryAfterMs: number };
  /** True for an id this server issued. */
  isValid(token: string | undefined): token is string;
}

export function createDeviceService(deps: { secret: Uint8Array; limits: ClientLimits }): DeviceService {
  return {
    issue(client, nowMs) {
      const wait = deps.limits.admit('device', client, nowMs);
      return wait ? { retryAfterMs: wait } : { token: issueDeviceToken(deps.secret) };
    },
    isValid: (token): token is string => token !== undefined && isDeviceToken(deps.secret, token),
  };
}
