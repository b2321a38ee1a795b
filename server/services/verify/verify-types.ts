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
  /** The caller's address and network (/24 or /48), for limits and clone evidence; never stored in clear. */
  client: { ip: string; network: string };
  /** Record the scan but never count it as clone evidence (a stamp page opened without our device cookie). */
  noEvidence?: boolean;
}

export type VerifyOutcome =
  | { ok: true; result: VerifyResult }
  | { ok: false; status: 400 | 503; code: string; message: string; message_vi: string };
