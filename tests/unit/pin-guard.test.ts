import { describe, expect, it } from 'vitest';
import { maxPinGuesses, NETWORK_PIN_SCHEDULE, pinDelayMs, pinRetryAt, STAMP_PIN_SCHEDULE } from '../../server/domain/pin-guard';

const YEAR = 365 * 86_400_000;

describe('PIN guess delays', () => {
  it('allow a few free guesses, then grow, up to a cap: never a lifetime lock', () => {
    expect(pinDelayMs(0, STAMP_PIN_SCHEDULE)).toBe(0);
    expect(pinDelayMs(2, STAMP_PIN_SCHEDULE)).toBe(0);
    expect(pinDelayMs(3, STAMP_PIN_SCHEDULE)).toBe(60_000);
    expect(pinDelayMs(4, STAMP_PIN_SCHEDULE)).toBe(120_000);
    expect(pinDelayMs(1000, STAMP_PIN_SCHEDULE)).toBe(6 * 3600_000);
    expect(pinRetryAt(3, 1_000, 1_000 + 30_000, STAMP_PIN_SCHEDULE)).toBe(61_000);
    expect(pinRetryAt(3, 1_000, 1_000 + 60_000, STAMP_PIN_SCHEDULE)).toBeNull();
  });

  it('keep guessing an 8-digit PIN under 1 in 10,000 over a stamp\'s 3-year life at the maximum rate', () => {
    const guesses = maxPinGuesses(3 * YEAR, STAMP_PIN_SCHEDULE);
    expect(guesses).toBeLessThan(5_000);
    expect(guesses / 1e8).toBeLessThan(1e-4);
    // One network alone gets far fewer.
    expect(maxPinGuesses(3 * YEAR, NETWORK_PIN_SCHEDULE)).toBeLessThan(1_200);
  });
});
