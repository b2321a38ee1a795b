import { useI18n } from '../../i18n/i18n';

/** An address the app does not know: say so, and offer the ways on. */
export function NotFoundScreen() {
  const { t } = useI18n();
  return (
    <div class="screen not-found" data-screen="not-found">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundLead}</p>
      <p class="ways-on">
        <a class="btn" href="/">
          {t.navScan}
        </a>
        <a class="btn secondary" href="/directory">
          {t.notFoundDirectory}
        </a>
      </p>
    </div>
  );
}
