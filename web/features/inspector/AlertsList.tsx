// Alerts for inspectors: keys signing serials never issued, stamps reported from several
// phones or answered as clones, forged codes naming real serials, PIN guessing, bursts of
// "not verified" reports and scans in one ward.
import { useEffect, useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import type { ConsoleProps } from './InspectorConsole';
import { consoleApi, type AlertList } from './console-api';

export function AlertsList({ m }: ConsoleProps) {
  const { lang } = useI18n();
  const [items, setItems] = useState<AlertList['items'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    consoleApi.alerts().then((r) => (r.ok ? setItems(r.data.items) : setError(pick(lang, { message_vi: r.error.message_vi, message_en: r.error.message }))));
  }, []);
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!items) return <p class="loading">…</p>;
  return (
    <section>
      <h1>{m.alertsTitle}</h1>
      {items.length === 0 ? <p>{m.noAlerts}</p> : null}
      <ul class="plain">
        {items.map((a, i) => (
          <li key={i} class="warning">
            {a.kind === 'leaked_key' ? m.alertLeakedKey(a.kid, a.scans, a.serials) : null}
            {a.kind === 'serial_reported_often' ? (
              <>
                {m.alertSerial(a.reports, a.devices)} <a href={`/inspector/stamps?serial=${a.serial}`} class="code">{a.serial}</a> ·{' '}
                <a href={`/inspector?serial=${a.serial}`}>{m.navQueue}</a>
              </>
            ) : null}
            {a.kind === 'unverified_burst' ? m.alertBurst(a.placeName ?? a.placeId, a.reports) : null}
            {a.kind === 'unverified_scan_burst' ? m.alertScanBurst(a.placeName ?? a.placeId, a.scans) : null}
            {a.kind === 'cloned_stamp' || a.kind === 'forged_real_serial' || a.kind === 'pin_abuse' ? (
              <>
                {a.kind === 'cloned_stamp' ? m.alertCloned(a.scans) : a.kind === 'forged_real_serial' ? m.alertForged(a.scans) : m.alertPin(a.failures)}{' '}
                <a href={`/inspector/stamps?serial=${a.serial}`} class="code">
                  {a.serial}
                </a>
              </>
            ) : null}
            <div class="small">{when(a.lastAt)}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
