// Growing delays between wrong PIN guesses (issue #9 item 5) instead of a lifetime lock:
// a lock let anyone holding the visible QR lock the real buyer out with five wrong tries.
// A guess must wait after a few failures, longer each time, up to a cap; the buyer waits
// at most the cap and still gets the stamp's verdict meanwhile (pin_retry_later).

export interface PinSchedule {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait; it doubles with each further failure. */
  firstDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
}

/** Per stamp, all networks together: bounds a guesser with many networks. */
export const STAMP_PIN_SCHEDULE: PinSchedule = { free: 3, firstDelayMs: 60_000, maxDelayMs: 6 * 3600_000 };
/** Per network, all stamps together: one network's guesser slows down much faster. */
export const NETWORK_PIN_SCHEDULE: PinSchedule = { free: 5, firstDelayMs: 60_000, maxDelayMs: 24 * 3600_000 };

/** The wait required after `failures` wrong guesses (0 while within the free ones). */
export function pinDelayMs(failures: number, s: PinSchedule): number {
  if (failures < s.free) return 0;
  const doublings = failures - s.free;
  return doublings >= 40 ? s.maxDelayMs : Math.min(s.maxDelayMs, s.firstDelayMs * 2 ** doublings);
}

/** When the next guess may be made, or null when it may be made now. */
export function pinRetryAt(failures: number, lastFailureAt: number | null, now: number, s: PinSchedule): number | null {
  if (lastFailureAt === null) return null;
  const at = lastFailureAt + pinDelayMs(failures, s);
  return at > now ? at : null;
}

/** The most guesses a schedule allows over `lifeMs` (the bound stated in docs/THREATS.md). */
export function maxPinGuesses(lifeMs: number, s: PinSchedule): number {
  let guesses = 0;
  let t = 0;
  while (t <= lifeMs) {
    guesses++;
    t += pinDelayMs(guesses, s); // 0 while within the free guesses, then always > 0
  }
  return guesses;
}
