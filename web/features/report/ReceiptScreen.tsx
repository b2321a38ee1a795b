// A shopper checks their report by the receipt code: the status and when it last changed,
// nothing else (the server shows no more to a code holder).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/api';
import { navigate, useLocation } from '../../app/router';
import { pick, useI18n } from '../../i18n/i18n';
import { showTime } from '../../app/vietnam-time';

type Look = { kind: 'idle' } | { kind: 'loading' } | { kind: 'found'; status: string; updatedAt: string } | { kind: 'error'; why: string };

export function ReceiptScreen() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const fromLink = query.get('code') ?? '';
  const [code, setCode] = useState(fromLink);
  const [look, setLook] = useState<Look>({ kind: 'idle' });

  const lookUp = async (c: string) => {
    setLook({ kind: 'loading' });
    try {
      const res = await api.api.reports.receipt[':receipt'].$get({ param: { receipt: c } });
      const body = await res.json();
      if ('error' in body) return setLook({ kind: 'error', why: res.status === 404 ? t.receiptNotFound : pick(lang, { message_vi: body.error.message_vi, message_en: body.error.message }) });
      setLook({ kind: 'found', status: body.status, updatedAt: body.updatedAt });
    } catch {
      setLook({ kind: 'error', why: t.receiptOffline });
    }
  };
  useEffect(() => {
    if (fromLink) void lookUp(fromLink);
  }, [fromLink]);

  const submit = (e: Event) => {
    e.preventDefault();
    const c = code.trim();
    if (c) navigate(`/receipt?code=${encodeURIComponent(c)}`, { replace: true });
  };
  const STATUS: Record<string, string> = { new: t.receiptStatus_new, verifying: t.receiptStatus_verifying, confirmed_fake: t.receiptStatus_confirmed_fake, not_fake: t.receiptStatus_not_fake, duplicate: t.receiptStatus_duplicate };
  const statusText = (s: string) => STATUS[s] ?? s;
  return (
    <form class="screen" onSubmit={submit}>
      <h1>{t.receiptTitle}</h1>
      <label for="rc-code">{t.receiptLabel}</label>
      <div class="search">
        <input id="rc-code" maxLength={40} autoComplete="off" autoCapitalize="characters" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        <button class="btn" type="submit">
          {t.manualSubmit}
        </button>
      </div>
      {look.kind === 'loading' ? <p class="loading">{t.loading}</p> : null}
      {look.kind === 'found' ? (
        <p class="notice" role="status" data-report-status={look.status}>
          {t.receiptShows(statusText(look.status), showTime(look.updatedAt))}
        </p>
      ) : null}
      {look.kind === 'error' ? (
        <p class="error" role="alert">
          {look.why}
        </p>
      ) : null}
    </form>
  );
}
