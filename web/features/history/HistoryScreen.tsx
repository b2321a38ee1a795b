import { useEffect, useState } from 'preact/hooks';
import { useStatus } from '../../app/app-status';
import { offline } from '../../app/offline-access';
import { showTime } from '../../app/vietnam-time';
import { useI18n } from '../../i18n/i18n';
import type { HistoryEntry } from '../../offline';
import { Icon } from '../../ui/Icon';
import { clearRecent } from '../scan/check-scan';
import { verdictLook } from '../verdict/verdict-look';

export function HistoryScreen() {
  const { t } = useI18n();
  const status = useStatus();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [cleared, setCleared] = useState(false);
  useEffect(() => {
    offline()
      .then(({ mod, store }) => mod.listHistory(store))
      .then(setEntries)
      .catch(() => setEntries([]));
  }, [status.historyRevision]);
  const clear = async () => {
    if (!window.confirm(t.historyConfirmClear)) return;
    const { mod, store } = await offline();
    await mod.clearHistory(store);
    clearRecent();
    setEntries([]);
    setCleared(true);
  };
  return (
    <div class="screen">
      <h1>{t.historyTitle}</h1>
      <p class="muted">{t.historyLead}</p>
      {cleared ? <p role="status">{t.historyCleared}</p> : null}
      {entries === null ? (
        <p class="loading">{t.loading}</p>
      ) : entries.length === 0 ? (
        <p>{t.historyEmpty}</p>
      ) : (
        <>
          <ul class="plain history">
            {entries.map((e) => {
              const look = verdictLook(t, e.result.verdict, '', e.result.reasons.map((r) => r.code));
              return (
                <li key={e.id} class={`history-item tone-${look.tone}`}>
                  <a href={`/verdict/${encodeURIComponent(e.id)}`}>
                    <Icon name={look.icon} size={20} />
                    <span class="history-text">
                      <strong>{look.title}</strong>
                      <span class="muted"> · {showTime(e.scannedAt)}</span>
                      {e.online ? null : <span class="tag">{t.historyQueued}</span>}
                      <br />
                      {/* A long code is elided to one line: the list never scrolls sideways at 360 px. */}
                      {e.productName ? <span class="history-name">{e.productName}</span> : <span class="history-code code">{e.payload.slice(0, 200)}</span>}
                    </span>
                  </a>
                  {e.reportReceipt ? (
                    <a class="small" href={`/receipt?code=${e.reportReceipt}`}>
                      {t.receiptCheck} ({e.reportReceipt})
                    </a>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <button type="button" class="btn danger" onClick={() => void clear()}>
            {t.historyClear}
          </button>
        </>
      )}
    </div>
  );
}
