// Report a suspected fake: no account, only what the shopper types plus the scanned code.
// Sent at once when online; otherwise kept in the outbox and sent when back online.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/api';
import { useBackground } from '../../app/background-context';
import { offline } from '../../app/offline-access';
import { useLocation } from '../../app/router';
import { readSettings } from '../../app/settings';
import { pick, useI18n } from '../../i18n/i18n';
import type { HistoryEntry } from '../../offline';

type State = { kind: 'editing' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'queued' } | { kind: 'failed'; why: string };

export function ReportScreen() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const background = useBackground();
  const historyId = query.get('h');
  const [entry, setEntry] = useState<HistoryEntry | null>(null);
  const [shop, setShop] = useState('');
  const [note, setNote] = useState('');
  const [contact, setContact] = useState('');
  const [state, setState] = useState<State>({ kind: 'editing' });
  const payload = entry?.payload ?? query.get('payload') ?? '';

  useEffect(() => {
    if (!historyId) return;
    offline()
      .then(({ mod, store }) => mod.getHistoryEntry(store, historyId))
      .then(setEntry)
      .catch(() => {});
  }, [historyId]);

  const send = async (e: Event) => {
    e.preventDefault();
    setState({ kind: 'sending' });
    try {
      const { mod, store } = await offline();
      const { place } = readSettings();
      const outcome = await mod.submitReport(store, {
        ...(payload ? { payload } : {}),
        ...(entry ? { verdict: entry.result.verdict, reasons: entry.result.reasons.map((r) => r.code) } : {}),
        ...(entry?.result.product ? { productId: entry.result.product.id } : {}),
        ...(shop.trim() ? { shop: shop.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(contact.trim() ? { contact: contact.trim() } : {}),
        ...(place ? { place: place.id } : {}),
      }, navigator.onLine ? api : undefined);
      if (outcome.status === 'sent') setState({ kind: 'sent' });
      else if (outcome.status === 'queued') setState({ kind: 'queued' });
      else setState({ kind: 'failed', why: pick(lang, { message_vi: outcome.error.message_vi, message_en: outcome.error.message_en }) });
      void background.refresh();
    } catch {
      setState({ kind: 'failed', why: t.error });
    }
  };

  if (state.kind === 'sent' || state.kind === 'queued')
    return (
      <div class="screen">
        <h1>{t.reportTitle}</h1>
        <p role="status" class="notice">
          {state.kind === 'sent' ? t.reportSent : t.reportQueued}
        </p>
        <a class="btn secondary" href="/">
          {t.verdictScanAgain}
        </a>
      </div>
    );
  return (
    <form class="screen report" onSubmit={send}>
      <h1>{t.reportTitle}</h1>
      <p>{t.reportLead}</p>
      {payload ? (
        <p>
          {t.reportCode}: <span class="code">{payload}</span>
        </p>
      ) : null}
      <label for="r-shop">{t.reportShop}</label>
      <input id="r-shop" maxLength={300} value={shop} onInput={(e) => setShop(e.currentTarget.value)} />
      <label for="r-note">{t.reportNote}</label>
      <textarea id="r-note" rows={4} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <label for="r-contact">{t.reportContact}</label>
      <input id="r-contact" maxLength={200} autoComplete="tel" value={contact} onInput={(e) => setContact(e.currentTarget.value)} />
      {state.kind === 'failed' ? (
        <p class="error" role="alert">
          {t.reportFailed(state.why)}
        </p>
      ) : null}
      <button class="btn danger" type="submit" disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? t.reportSending : t.reportSend}
      </button>
    </form>
  );
}
