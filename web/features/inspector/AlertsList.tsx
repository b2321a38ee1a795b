// Alerts for inspectors: keys signing serials never issued, stamps reported from several
// phones, bursts of "not verified" reports in one ward.
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
            <div class="small">{when(a.lastAt)}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
