import type { VerifyResult } from '../../domain/verify-result';

export type { VerifyResult };

export interface VerifyInput {
  payload: string;
  deviceId?: string;
  clientEventId?: string;
  scannedAt?: string;
  /** A current ward/commune id (coarse place only). */
  place?: string;
  pin?: string;
  /** Caller's IP, for PIN rate limits; never stored. */
  ip: string;
}

export type VerifyOutcome =
  | { ok: true; result: VerifyResult }
  | { ok: false; status: 400 | 429; code: string; message: string; message_vi: string };
