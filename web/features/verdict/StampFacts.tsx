import type { VerifyResult } from '../../../server/domain/verify-result';
import { showDate, showTime } from '../../app/vietnam-time';
import { useI18n } from '../../i18n/i18n';

/** The stamp's own record: serial, how often it was checked, revocation, batch expiry. */
export function StampFacts({ result }: { result: VerifyResult }) {
  const { t } = useI18n();
  const { stamp, batch } = result;
  if (!stamp) return null;
  return (
    <ul class="plain stamp-facts">
      <li>
        {t.verdictSerial}: <span class="code">{stamp.serial}</span>
      </li>
      {stamp.checks ? <li>{t.verdictChecks(stamp.checks)}</li> : null}
      {stamp.firstCheckedAt ? <li>{t.verdictFirstChecked(showTime(stamp.firstCheckedAt))}</li> : null}
      {batch?.revokedAt ? <li>{t.verdictRevokedAt(showDate(batch.revokedAt), batch.revokeReason ?? '')}</li> : null}
      {!batch?.revokedAt && stamp.revokedAt ? <li>{t.verdictRevokedAt(showDate(stamp.revokedAt), '')}</li> : null}
      {batch?.expiresAt ? <li>{t.verdictBatchExpires(showDate(batch.expiresAt))}</li> : null}
    </ul>
  );
}
