import type { vi } from './vi';

/** Every message of the app: the keys of vi.ts, each a string or a function with the same parameters. */
export type Messages = {
  [K in keyof typeof vi]: (typeof vi)[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};
