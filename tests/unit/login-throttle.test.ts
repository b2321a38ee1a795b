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

  it('an account guessed at from many networks makes each network pause between tries, for seconds only', () => {
    const th = createLoginThrottle();
    // A botnet: 60 networks, one wrong guess each (no network reaches its own delays).
    for (let i = 0; i < 60; i++) th.recordFailure('victim@qltt.gov.vn', `203.0.${i}.9`, 1000);
    // A network that already failed now waits the pause before its next try…
    expect(th.waitMs('victim@qltt.gov.vn', '203.0.5.9', 2000)).toBe(DEFAULT_THROTTLE.accountPauseMs - 1000);
    expect(th.waitMs('victim@qltt.gov.vn', '203.0.5.9', 1000 + DEFAULT_THROTTLE.accountPauseMs)).toBe(0);
    // …while the owner's own network tries at once, and other accounts are untouched.
    expect(th.waitMs('victim@qltt.gov.vn', '198.51.100.20', 2000)).toBe(0);
    expect(th.waitMs('other@qltt.gov.vn', '203.0.5.9', 2000)).toBe(0);
  });

  it('keeps a bounded number of counters whatever emails and addresses are invented', () => {
    const th = createLoginThrottle({ ...DEFAULT_THROTTLE, maxKeys: 1000 });
    for (let i = 0; i < 20_000; i++) th.recordFailure(`x${i}@invented.example`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, i);
    expect(th.size).toBeLessThanOrEqual(3000);
  });
});
