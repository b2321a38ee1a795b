import { useState } from 'preact/hooks';
import { dataAsOf, useStatus } from '../../app/app-status';
import { useBackground } from '../../app/background-context';
import { showDate } from '../../app/vietnam-time';
import { useI18n } from '../../i18n/i18n';
import { AreaSetting } from './AreaSetting';

export function AboutScreen() {
  const { t } = useI18n();
  const status = useStatus();
  const background = useBackground();
  const [syncNote, setSyncNote] = useState<string | null>(null);
  const reg = status.registry;
  const syncNow = async () => {
    setSyncNote(null);
    try {
      const r = await background.syncNow();
      setSyncNote(r.mode === 'up_to_date' ? t.dataUpToDate : t.dataSynced(r.applied));
    } catch {
      setSyncNote(t.dataSyncFailed);
    }
  };
  return (
    <div class="screen about">
      <h1>{t.aboutTitle}</h1>
      <p>{t.aboutLead}</p>
      <p>{t.aboutVerdicts}</p>
      <p>
        <a href="/inspector">{t.aboutInspectors}</a>
      </p>
      <section class="card" id="privacy">
        <h2>{t.privacyTitle}</h2>
        <p>{t.privacyNoAccount}</p>
        <p>{t.privacyLocation}</p>
        <p>{t.privacyHistory}</p>
        <AreaSetting />
        <p>
          <a href="/history">{t.historyTitle}</a>
        </p>
      </section>
      <section class="card">
        <h2>{t.dataTitle}</h2>
        {reg?.version ? (
          <>
            <p>{t.dataVersion(reg.version, showDate(dataAsOf(reg)))}</p>
            <p>{t.dataProducts(reg.products)}</p>
            <p class="muted small">{reg.persisted ? t.dataPersisted : t.dataNotPersisted}</p>
          </>
        ) : (
          <p>{t.statusNoData}</p>
        )}
        <button type="button" class="btn secondary" disabled={status.syncing || !status.online} onClick={() => void syncNow()}>
          {status.syncing ? t.statusSyncing : t.dataSyncNow}
        </button>
        {syncNote ? <p role="status">{syncNote}</p> : null}
      </section>
      <section class="card">
        <h2>{t.sourcesTitle}</h2>
        <p>{t.sourcesText}</p>
        <p>{t.sourcesPartial}</p>
        <p>{t.sourcesNotOfficial}</p>
      </section>
      <p class="muted small">{t.installHint}</p>
      {/* Developers' links, out of a shopper's way. */}
      <details class="developer muted small">
        <summary>{t.developerTitle}</summary>
        <p>
          <a href="/api/openapi.json">{t.developerApi}</a>
        </p>
      </details>
    </div>
  );
}
