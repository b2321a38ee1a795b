import { vietnamDay } from '../domain/catalogue/dates';

/** The clock seam: the app asks it for "now" so tests can fix the date. */
export interface Clock {
  now(): Date;
  /** Today's date in Vietnam (UTC+7) as YYYY-MM-DD: certificates expire by local date. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => vietnamDay(new Date()),
};

/** A clock stuck at one instant, for tests and reproducible benchmarks. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at), today: () => vietnamDay(at) };
}
