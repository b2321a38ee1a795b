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
import { REPORT_PHOTOS_MAX, resizePhoto } from './resize-photo';

type State = { kind: 'editing' } | { kind: 'sending' } | { kind: 'sent'; receipt: string | null } | { kind: 'queued' } | { kind: 'failed'; why: string };
type Photo = { type: string; bytes: ArrayBuffer };

export function ReportScreen() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const background = useBackground();
  const historyId = query.get('h');
  const [entry, setEntry] = useState<HistoryEntry | null>(null);
  const [shop, setShop] = useState('');
  const [note, setNote] = useState('');
  const [contact, setContact] = useState('');
  const [price, setPrice] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoError, setPhotoError] = useState(false);
  const [state, setState] = useState<State>({ kind: 'editing' });
  const payload = entry?.payload ?? query.get('payload') ?? '';

  useEffect(() => {
    if (!historyId) return;
    offline()
      .then(({ mod, store }) => mod.getHistoryEntry(store, historyId))
      .then(setEntry)
      .catch(() => {});
  }, [historyId]);

  const choosePhotos = async (input: HTMLInputElement) => {
    setPhotoError(false);
    const files = [...(input.files ?? [])].slice(0, REPORT_PHOTOS_MAX);
    try {
      setPhotos(await Promise.all(files.map(resizePhoto)));
    } catch {
      setPhotos([]);
      setPhotoError(true);
    }
  };
  const priceValue = /^\d{1,9}$/.test(price.replace(/[.,\s]/g, '')) ? Number(price.replace(/[.,\s]/g, '')) : null;

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
        ...(priceValue !== null ? { price: priceValue } : {}),
        ...(photos.length ? { photos } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(contact.trim() ? { contact: contact.trim() } : {}),
        ...(place ? { place: place.id } : {}),
      }, navigator.onLine ? api : undefined, entry?.id);
      if (outcome.status === 'sent') setState({ kind: 'sent', receipt: outcome.receipt });
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
        {state.kind === 'sent' && state.receipt ? (
          <p class="receipt">
            {t.reportReceipt(state.receipt)} <a href={`/receipt?code=${state.receipt}`}>{t.receiptCheck}</a>
          </p>
        ) : null}
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
      <label for="r-price">{t.reportPrice}</label>
      <input id="r-price" inputMode="numeric" maxLength={14} value={price} onInput={(e) => setPrice(e.currentTarget.value)} />
      <label for="r-photos">{t.reportPhotos}</label>
      <input id="r-photos" type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => void choosePhotos(e.currentTarget)} />
      {photos.length ? <p class="small muted">{t.reportPhotosChosen(photos.length)}</p> : null}
      {photoError ? (
        <p class="error" role="alert">
          {t.reportPhotoFailed}
        </p>
      ) : null}
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
