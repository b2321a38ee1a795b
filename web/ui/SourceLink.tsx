import type { Provenance } from '../../server/domain/registry-types';
import { useI18n } from '../i18n/i18n';

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

/** Where a record comes from: the document and a link to the original. */
export function SourceLink({ provenance }: { provenance: Provenance }) {
  const { t } = useI18n();
  return (
    <p class="source">
      <span>{t.provenance}: </span>
      {provenance.sourceDocument ? <span>{provenance.sourceDocument} — </span> : null}
      <a href={provenance.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
        {t.sourceLink} ({hostOf(provenance.sourceUrl)})
      </a>
    </p>
  );
}
