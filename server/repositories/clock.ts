/** The clock seam: the app asks it for "now" so tests can fix the date. */
export interface Clock {
  now(): Date;
  /** Today's date in Vietnam (UTC+7) as YYYY-MM-DD: certificates expire by local date. */
  today(): string;
}

/** Today's date in Vietnam (UTC+7) for a given instant. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => vietnamDate(new Date()),
};

/** A clock stuck at one instant, for tests and reproducible benchmarks. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at), today: () => vietnamDate(at) };
}
