// A stamp's full scan history, page by page, with the anomalies the rules find in it.
import { useEffect, useState } from 'preact/hooks';
import { navigate, useLocation } from '../../app/router';
import { pick, useI18n } from '../../i18n/i18n';
import type { ConsoleProps } from './InspectorConsole';
import { consoleApi, type StampHistoryData } from './console-api';

export function StampLookup({ m }: ConsoleProps) {
  const { lang } = useI18n();
  const { query } = useLocation();
  const [serial, setSerial] = useState(query.get('serial') ?? '');
  const [history, setHistory] = useState<StampHistoryData | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (s: string, cursor?: string) => {
    setError(null);
    const r = await consoleApi.stampHistory(s, cursor);
    if (!r.ok) {
      setHistory(null);
      return setError(r.status === 404 ? m.stampNotFound : pick(lang, { message_vi: r.error.message_vi, message_en: r.error.message }));
    }
    setHistory((prev) => (cursor && prev ? { ...r.data, events: [...prev.events, ...r.data.events] } : r.data));
  };
  // Opened from an alert or a report with ?serial=: look it up at once.
  useEffect(() => {
    const s = query.get('serial');
    if (s) void load(s);
  }, []);
  const submit = (e: Event) => {
    e.preventDefault();
    const s = serial.trim().toUpperCase().replace(/[\s-]/g, '');
    navigate(`/inspector/stamps?serial=${encodeURIComponent(s)}`, { replace: true });
    void load(s);
  };
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });

  return (
    <section>
      <h1>{m.stampTitle}</h1>
      <form class="search" onSubmit={submit}>
        <label class="visually-hidden" for="s-serial">
          {m.stampSerial}
        </label>
        <input id="s-serial" placeholder={m.stampSerial} maxLength={64} autoComplete="off" value={serial} onInput={(e) => setSerial(e.currentTarget.value)} />
        <button class="btn" type="submit">
          {m.stampLookup}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {history ? (
        <>
          <div class="card">
            <h2>{history.product?.name ?? history.stamp.serial}</h2>
            {history.product?.producerName ? <p class="muted">{history.product.producerName}</p> : null}
            <p class="code">{history.stamp.serial}</p>
            <p>
              {m.stampStatus}: {history.stamp.status}
            </p>
            <p>{m.stampSummary(history.summary.checks, history.summary.devices, history.summary.networks)}</p>
          </div>
          <h2>{m.alerts}</h2>
          {history.alerts.length === 0 ? (
            <p class="muted">{m.noAlerts}</p>
          ) : (
            <ul class="plain">
              {history.alerts.map((a) => (
                <li key={a.code} class="warning">
                  {pick(lang, a)} {a.at ? <span class="small">({when(a.at)})</span> : null}
                </li>
              ))}
            </ul>
          )}
          <h2>{m.events}</h2>
          <ol class="plain console-events">
            {history.events.map((e, i) => (
              <li key={i}>
                <strong>{when(e.scannedAt)}</strong> · {e.verdict}
                {e.device ? ` · ${e.device}` : ''}
                {e.place ? ` · ${e.place.name}` : ''}
                {e.reasons.length ? <div class="small muted">{e.reasons.join(', ')}</div> : null}
              </li>
            ))}
          </ol>
          {history.nextCursor ? (
            <button type="button" class="btn secondary" onClick={() => load(history.stamp.serial, history.nextCursor ?? undefined)}>
              {m.more}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
