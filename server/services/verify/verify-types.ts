import type { Reason, Verdict } from '../../domain/verdict';
import type { Award, Mark, OcopCertification, ProductSummary, Producer } from '../../domain/registry-types';

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

export interface VerifyResult {
  verdict: Verdict;
  reasons: Reason[];
  checkedAt: string;
  stamp?: { serial: string; kid: string; status?: string; revokedAt?: string | null; checks?: number; firstCheckedAt?: string | null };
  batch?: { id: string; status: string; expiresAt: string | null; isDemo: boolean; revokedAt: string | null; revokeReason: string | null };
  product?: ProductSummary & { gtins: string[] };
  producer?: Producer | null;
  certifications?: OcopCertification[];
  marks?: Mark[];
  awards?: Award[];
  gtin?: {
    digits: string;
    format: string | null;
    gtin14: string | null;
    checkDigitValid: boolean;
    prefix: { prefix: string; organisation: string | null; isGs1Vietnam: boolean; message_vi: string; message_en: string } | null;
    registryMatches: ProductSummary[];
  };
  url?: { href: string; host: string; displayHost: string; flags: string[]; lookalikeOf: string | null; stampShaped: boolean };
  text?: string;
}

export type VerifyOutcome =
  | { ok: true; result: VerifyResult }
  | { ok: false; status: 400 | 429; code: string; message: string; message_vi: string };
