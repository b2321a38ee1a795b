// What a scan check returns, online (server) or offline (the PWA): a graded verdict with
// reasons in Vietnamese and English and whatever cards apply (PRODUCT.md §3).
import type { Reason, Verdict } from './verdict';
import type { Award, Mark, OcopCertification, ProductSummary, Producer } from './registry-types';

export interface VerifyResult {
  verdict: Verdict;
  reasons: Reason[];
  checkedAt: string;
  stamp?: { serial: string; kid: string; status?: string; revokedAt?: string | null; checks?: number; firstCheckedAt?: string | null };
  batch?: { id: string; status: string; expiresAt: string | null; isDemo: boolean; revokedAt: string | null; revokeReason: string | null; /** The batch has scratch-off PINs (the verdict screen offers the PIN check). */ hasPin: boolean };
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
  /** A device id the server issued to this phone: keep it and send it with later scans. */
  deviceToken?: string;
}
