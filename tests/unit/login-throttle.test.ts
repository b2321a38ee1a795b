import { describe, expect, it } from 'vitest';
import { createLoginThrottle, DEFAULT_THROTTLE, networkOf } from '../../server/services/auth/login-throttle';

describe('login throttle', () => {
  it('keys IPv6 by /64 and IPv4 by address', () => {
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(networkOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(networkOf('192.0.2.1')).toBe('192.0.2.1');
  });

  it('caps one network spraying a password over many accounts, and no other network', () => {
    const th = createLoginThrottle();
    let refused = 0;
    for (let i = 0; i < 110; i++) {
      if (th.waitMs(`user${i}@example.com`, '192.0.2.99', 1000) > 0) refused++;
      else th.recordFailure(`user${i}@example.com`, '192.0.2.99', 1000);
    }
    expect(refused).toBe(110 - DEFAULT_THROTTLE.networkFailures);
    expect(th.waitMs('user1@example.com', '198.51.100.1', 1000)).toBe(0);
    expect(th.waitMs('user1@example.com', '192.0.2.99', 1000 + DEFAULT_THROTTLE.networkWindowMs)).toBe(0);
  });

  it('never waits longer than the cap, and forgets a lock after a success', () => {
    const th = createLoginThrottle();
    for (let i = 0; i < 60; i++) th.recordFailure('a@b.vn', '192.0.2.5', 0);
    expect(th.waitMs('a@b.vn', '192.0.2.5', 0)).toBe(DEFAULT_THROTTLE.maxDelayMs);
    th.recordSuccess('a@b.vn', '192.0.2.5');
    expect(th.waitMs('a@b.vn', '192.0.2.5', 0)).toBe(0);
  });

  it('keeps a bounded number of counters whatever emails and addresses are invented', () => {
    const th = createLoginThrottle({ ...DEFAULT_THROTTLE, maxKeys: 1000 });
    for (let i = 0; i < 20_000; i++) th.recordFailure(`x${i}@invented.example`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, i);
    expect(th.size).toBeLessThanOrEqual(2000);
  });
});
