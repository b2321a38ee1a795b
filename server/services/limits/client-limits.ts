// Rate limits per client address and per network (issue #9 item 3). Hard limits answer 429
// only to abusive volume; below them a shopper always gets the verdict. The soft limit on
// evidence decides whether a scan may count as another phone's check: past it the scan is
// answered and recorded, but it adds nothing to the stamp's clone evidence.
import { createTokenBuckets, type BucketRule, type TokenBuckets } from './token-buckets';

export type LimitedAction = 'scan' | 'report' | 'device';

export interface ClientLimitRules {
  perIp: Record<LimitedAction, BucketRule>;
  perNetwork: Record<LimitedAction, BucketRule>;
  /** Scans per network that may count as clone evidence. */
  evidencePerNetwork: BucketRule;
}

// A carrier NAT puts many phones behind one address and one /24, so the hard limits are far
// above what a person does (a shelf checked one pack after another is ~1 scan a second).
export const DEFAULT_LIMIT_RULES: ClientLimitRules = {
  perIp: {
    scan: { burst: 300, perSecond: 10 },
    report: { burst: 20, perSecond: 1 / 30 },
    device: { burst: 30, perSecond: 1 / 60 },
  },
  perNetwork: {
    scan: { burst: 1500, perSecond: 50 },
    report: { burst: 100, perSecond: 1 / 6 },
    device: { burst: 100, perSecond: 1 / 10 },
  },
  evidencePerNetwork: { burst: 30, perSecond: 1 / 10 },
};

export interface ClientLimits {
  /** 0 when `action` is allowed now for this client, else the milliseconds to wait. */
  admit(action: LimitedAction, client: { ip: string; network: string }, nowMs: number): number;
  /** Whether a scan from `network` may still count as clone evidence. */
  evidenceAllowed(network: string, nowMs: number): boolean;
}

/** Build the limits over in-memory, bounded token buckets. */
export function createClientLimits(rules: ClientLimitRules = DEFAULT_LIMIT_RULES): ClientLimits {
  const actions: LimitedAction[] = ['scan', 'report', 'device'];
  const perIp = Object.fromEntries(actions.map((a) => [a, createTokenBuckets(rules.perIp[a])])) as Record<LimitedAction, TokenBuckets>;
  const perNetwork = Object.fromEntries(actions.map((a) => [a, createTokenBuckets(rules.perNetwork[a])])) as Record<LimitedAction, TokenBuckets>;
  const evidence = createTokenBuckets(rules.evidencePerNetwork);
  return {
    admit(action, client, nowMs) {
      const ipWait = perIp[action].take(client.ip, nowMs);
      if (ipWait) return ipWait;
      return perNetwork[action].take(client.network, nowMs);
    },
    evidenceAllowed: (network, nowMs) => evidence.take(network, nowMs) === 0,
  };
}

/** Limits that never refuse (RATE_LIMITS=off: load tests on one address, a trusted intranet). */
export const NO_LIMITS: ClientLimits = { admit: () => 0, evidenceAllowed: () => true };
