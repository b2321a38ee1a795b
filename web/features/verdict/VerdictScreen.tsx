// The answer to a scan (PRODUCT.md §3): verdict as icon + words + colour, the reasons,
// the product card, and what to do next (report, scan again). Reads the scan from the
// phone's history, so it survives a reload and updates when a queued scan is uploaded.
import { useEffect, useState } from 'preact/hooks';
import { dataAsOf, useStatus } from '../../app/app-status';
import { useBackground } from '../../app/background-context';
import { offline } from '../../app/offline-access';
import { showDate, showTimeInWords } from '../../app/vietnam-time';
import { pick, useI18n } from '../../i18n/i18n';
import type { HistoryEntry } from '../../offline';
import { Icon } from '../../ui/Icon';
import { ProductFacts } from '../product/ProductFacts';
import { checkScan, PinNeedsConnection, recentEntry, ScanRejected } from '../scan/check-scan';
import { navigate } from '../../app/router';
import { GtinCard } from './GtinCard';
import { PinForm } from './PinForm';
import { ReasonList } from './ReasonList';
import { StampFacts } from './StampFacts';
import { UploadNotice } from './UploadNotice';
import { UrlCard } from './UrlCard';
import { verdictLook } from './verdict-look';

async function loadEntry(id: string): Promise<HistoryEntry | null> {
  const { mod, store } = await offline();
  return mod.getHistoryEntry(store, id);
}

export function VerdictScreen({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const status = useStatus();
  const background = useBackground();
  const [entry, setEntry] = useState<HistoryEntry | null | undefined>(() => recentEntry(id));

  useEffect(() => {
    let live = true;
    loadEntry(id)
      .then((e) => live && (e || !recentEntry(id)) && setEntry(e))
      .catch(() => live && setEntry((old) => old ?? null));
    return () => {
      live = false;
    };
  }, [id, status.historyRevision]);

  // For the e2e budget "offline verdict shown ≤ 150 ms after decode".
  useEffect(() => {
    if (entry) performance.mark('nv:verdict-shown', { detail: { verdict: entry.result.verdict } });
  }, [entry?.id, entry?.result.verdict]);

  if (entry === undefined) return <p class="loading">{t.loading}</p>;
  if (entry === null)
    return (
      <div class="screen">
        <h1>{t.verdictNotFound}</h1>
        <a class="btn" href="/">
          {t.verdictScanAgain}
        </a>
      </div>
    );

  const { result } = entry;
  // An offline answer names the copy it was checked against; a sync since must not re-date it.
  const checkedAgainst = result.reasons.map((r) => r.dataAsOf).find((d): d is string => typeof d === 'string');
  const dataDate = showDate(checkedAgainst ?? dataAsOf(status.registry));
  const codes = result.reasons.map((r) => r.code);
  const look = verdictLook(t, result.verdict, dataDate, codes);
  const canReport = (result.verdict === 'caution' || result.verdict === 'unverified' || result.verdict === 'revoked') && !codes.includes('offline_no_registry');
  const isDemo = result.batch?.isDemo || codes.includes('demo_issuer') || result.reasons.some((r) => r.isDemo === true);
  const checkPin = async (pin: string) => {
    try {
      const newId = await checkScan(entry.payload, { pin, background });
      navigate(`/verdict/${newId}`, { replace: true });
    } catch (e) {
      throw new Error(e instanceof ScanRejected ? pick(lang, { message_vi: e.message_vi, message_en: e.message_en }) : e instanceof PinNeedsConnection ? t.pinNoAnswer : t.checkFailed);
    }
  };

  return (
    <div class="screen verdict-screen">
      <header class={`verdict verdict-${look.tone}`} data-verdict={result.verdict}>
        <Icon name={look.icon} size={48} />
        <div>
          <h1 tabIndex={-1}>{look.title}</h1>
          <p>{look.lead}</p>
        </div>
      </header>
      {isDemo ? <p class="demo-label">{t.verdictDemo}</p> : null}
      {entry.online ? null : <UploadNotice id={entry.id} />}
      <ReasonList reasons={result.reasons} />
      <StampFacts result={result} />
      {result.product ? (
        <section class="card product-card">
          <h2 class="visually-hidden">{t.productCard}</h2>
          <ProductFacts product={result.product} producer={result.producer} certifications={result.certifications ?? []} marks={result.marks ?? []} awards={result.awards ?? []} linkName />
        </section>
      ) : result.verdict === 'authentic_offline' ? (
        <p class="muted">{t.verdictProductLater}</p>
      ) : null}
      {result.gtin ? <GtinCard gtin={result.gtin} /> : null}
      {result.url ? <UrlCard url={result.url} /> : null}
      {result.text ? (
        <section class="card">
          <h2>{t.textTitle}</h2>
          <p class="code">{result.text}</p>
        </section>
      ) : null}
      {result.stamp && result.batch?.hasPin && result.verdict !== 'unverified' && !codes.includes('pin_ok') ? <PinForm onSubmit={checkPin} online={status.online} /> : null}
      <div class="actions">
        {canReport ? (
          <a class="btn danger" href={`/report?h=${encodeURIComponent(entry.id)}`}>
            <Icon name="flag" size={20} /> {t.verdictReport}
          </a>
        ) : null}
        <a class="btn secondary" href="/">
          <Icon name="scan" size={20} /> {t.verdictScanAgain}
        </a>
      </div>
      <p class="muted small">
        {t.verdictCheckedAt(showTimeInWords(result.checkedAt, lang))}
        {entry.online ? ` · ${t.dataAsOf(showDate(result.checkedAt))}` : dataDate ? ` · ${t.dataAsOf(dataDate)}` : ''}
      </p>
    </div>
  );
}
