import type { Verdict } from '../../../server/domain/verdict';
import type { Messages } from '../../i18n/messages';
import type { IconName } from '../../ui/Icon';

/** Icon, words and colour class of each verdict (never colour alone: PRODUCT.md §7). */
export function verdictLook(t: Messages, verdict: Verdict, dataDate: string, reasonCodes: readonly string[] = []): { icon: IconName; title: string; lead: string; tone: 'good' | 'warn' | 'bad' | 'info' } {
  // Offline before the first sync nothing could be checked: say so, never "may be fake".
  if (reasonCodes.includes('offline_no_registry')) return { icon: 'offline', title: t.verdictNoData, lead: t.verdictNoDataLead, tone: 'info' };
  // A typed serial offline: nothing was checked yet, so no red "may be fake".
  if (reasonCodes.includes('typed_serial_needs_connection')) return { icon: 'offline', title: t.verdictTypedNeedsConnection, lead: t.verdictTypedNeedsConnectionLead, tone: 'info' };
  // A typed serial proves less than a signature: the green title must not claim one was checked.
  if (verdict === 'authentic' && reasonCodes.includes('typed_serial')) return { icon: 'check', title: t.verdictTypedSerial, lead: t.verdictTypedSerialLead, tone: 'good' };
  if (verdict === 'caution' && reasonCodes.includes('typed_serial')) return { icon: 'warning', title: t.verdictCaution, lead: t.verdictTypedCautionLead, tone: 'warn' };
  switch (verdict) {
    case 'authentic':
      return { icon: 'check', title: t.verdictAuthentic, lead: t.verdictAuthenticLead, tone: 'good' };
    case 'authentic_offline':
      return { icon: 'check', title: t.verdictAuthenticOffline, lead: t.verdictAuthenticOfflineLead(dataDate), tone: 'good' };
    case 'caution':
      return { icon: 'warning', title: t.verdictCaution, lead: t.verdictCautionLead, tone: 'warn' };
    case 'revoked':
      return { icon: 'block', title: t.verdictRevoked, lead: t.verdictRevokedLead, tone: 'bad' };
    case 'unverified':
      return { icon: 'cross', title: t.verdictUnverified, lead: t.verdictUnverifiedLead, tone: 'bad' };
    case 'not_a_stamp':
      return { icon: 'info', title: t.verdictNotAStamp, lead: t.verdictNotAStampLead, tone: 'info' };
  }
}
