// Slows password guessing without letting a stranger lock a real user out. Failures are
// counted per account *and* network: guesses from the attacker's network delay only the
// attacker's network, while the owner signing in from their own phone is unaffected.
// A network is also capped across all accounts (spraying one password over many emails),
// and an account guessed at from many networks at once (a botnet) gets a short pause
// between tries from each network: seconds, never a lockout of its owner.
// Every map is bounded, so invented emails cannot grow memory.

export interface ThrottleRules {
  /** Failures per account+network before the first delay (the last of them starts it). */
  freeFailures: number;
  /** First delay after the free failures; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest an account+network is locked out. */
  maxDelayMs: number;
  /** Failures one network may make across all accounts per window. */
  networkFailures: number;
  networkWindowMs: number;
  /** Failures on one account from all networks per window before every network must pause between tries. */
  accountFailures: number;
  accountWindowMs: number;
  /** The pause between two tries on that account from one network. */
  accountPauseMs: number;
  /** Counters kept at most (oldest forgotten first). */
  maxKeys: number;
}

export const DEFAULT_THROTTLE: ThrottleRules = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  networkFailures: 100,
  networkWindowMs: 15 * 60_000,
  accountFailures: 50,
  accountWindowMs: 3600_000,
  accountPauseMs: 30_000,
  maxKeys: 50_000,
};

/** The network part of an address: IPv4 as is, IPv6 by its /64 (one household or phone). */
export function networkOf(ip: string): string {
  if (!ip.includes(':')) return ip;
  if (ip.startsWith('::ffff:')) return ip.slice(7);
  const [head] = ip.split('::');
  const groups = ip.includes('::') ? (head ? head.split(':') : []) : ip.split(':');
  return `${groups.slice(0, 4).join(':')}::/64`;
}

interface Counter {
  failures: number;
  lastAt: number;
  until: number;
}

function boundedMap<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get: (k: string) => map.get(k),
    set(k: string, v: V) {
      map.delete(k);
      map.set(k, v);
      if (map.size > max) map.delete(map.keys().next().value!);
    },
    delete: (k: string) => map.delete(k),
    get size() {
      return map.size;
    },
  };
}

export interface LoginThrottle {
  /** Milliseconds this attempt must wait (0 = go ahead). Checked before the password is. */
  waitMs(email: string, ip: string, nowMs: number): number;
  recordFailure(email: string, ip: string, nowMs: number): void;
  recordSuccess(email: string, ip: string): void;
  readonly size: number;
}

export function createLoginThrottle(rules: ThrottleRules = DEFAULT_THROTTLE): LoginThrottle {
  const accounts = boundedMap<Counter>(rules.maxKeys);
  const networks = boundedMap<{ start: number; failures: number }>(rules.maxKeys);
  const accountsAll = boundedMap<{ start: number; failures: number }>(rules.maxKeys);
  const emailOf = (email: string) => email.trim().toLowerCase();
  const keyOf = (email: string, ip: string) => `${email.trim().toLowerCase()}|${networkOf(ip)}`;
  return {
    waitMs(email, ip, nowMs) {
      const net = networks.get(networkOf(ip));
      if (net && nowMs - net.start < rules.networkWindowMs && net.failures >= rules.networkFailures) {
        return net.start + rules.networkWindowMs - nowMs;
      }
      const c = accounts.get(keyOf(email, ip));
      let wait = c && c.until > nowMs ? c.until - nowMs : 0;
      const all = accountsAll.get(emailOf(email));
      if (c && all && nowMs - all.start < rules.accountWindowMs && all.failures >= rules.accountFailures) {
        wait = Math.max(wait, c.lastAt + rules.accountPauseMs - nowMs);
      }
      return Math.max(0, wait);
    },
    recordFailure(email, ip, nowMs) {
      const key = keyOf(email, ip);
      const c = accounts.get(key) ?? { failures: 0, lastAt: nowMs, until: 0 };
      // A quiet day forgives old failures.
      if (nowMs - c.lastAt > 24 * 3600_000) c.failures = 0;
      c.failures++;
      c.lastAt = nowMs;
      const over = c.failures - rules.freeFailures;
      c.until = over >= 0 ? nowMs + Math.min(rules.maxDelayMs, rules.baseDelayMs * 2 ** Math.min(over, 30)) : 0;
      accounts.set(key, c);
      const all = accountsAll.get(emailOf(email));
      if (!all || nowMs - all.start >= rules.accountWindowMs) accountsAll.set(emailOf(email), { start: nowMs, failures: 1 });
      else all.failures++;
      const netKey = networkOf(ip);
      const net = networks.get(netKey);
      if (!net || nowMs - net.start >= rules.networkWindowMs) networks.set(netKey, { start: nowMs, failures: 1 });
      else net.failures++;
    },
    recordSuccess(email, ip) {
      accounts.delete(keyOf(email, ip));
    },
    get size() {
      return accounts.size + networks.size + accountsAll.size;
    },
  };
}
