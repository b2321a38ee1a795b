import type { VerifyResult } from '../../../server/domain/verify-result';
import { useI18n } from '../../i18n/i18n';

/** Another site's link: its real host and any lookalike warning; opened only on an explicit, confirmed tap. */
export function UrlCard({ url }: { url: NonNullable<VerifyResult['url']> }) {
  const { t } = useI18n();
  const warnings = [
    url.lookalikeOf ? t.urlLookalike(url.lookalikeOf) : null,
    url.flags.includes('punycode') || url.flags.includes('mixed_script') ? t.urlPunycode : null,
    url.stampShaped ? t.urlStampShaped : null,
  ].filter((w): w is string => w !== null);
  const open = () => {
    if (window.confirm(t.urlConfirm(url.displayHost))) window.open(url.href, '_blank', 'noopener,noreferrer');
  };
  return (
    <section class="card">
      <h2>{t.urlTitle}</h2>
      <p>
        {t.urlRealHost}: <strong class="code">{url.host}</strong>
        {url.displayHost !== url.host ? <span class="muted"> ({url.displayHost})</span> : null}
      </p>
      {warnings.map((w) => (
        <p key={w} class="warning" role="alert">
          {w}
        </p>
      ))}
      <p class="muted">{t.urlNotOpened}</p>
      <button type="button" class="btn secondary" onClick={open}>
        {t.urlOpenAnyway}
      </button>
    </section>
  );
}
