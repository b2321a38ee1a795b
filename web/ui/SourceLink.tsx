import type { Provenance } from '../../server/domain/registry-types';
import { sourcePublisher } from '../../server/domain/source-label';
import { useI18n } from '../i18n/i18n';

/**
 * Where a record comes from, as a shopper reads it: "Nguồn: Báo Dân Việt — xem văn bản gốc".
 * The gathered dataset's file and line stay in the API (provenance.sourceDocument) for inspectors.
 */
export function SourceLink({ provenance }: { provenance: Provenance }) {
  const { t } = useI18n();
  return (
    <p class="source">
      {t.provenance}: {sourcePublisher(provenance.sourceUrl)} —{' '}
      <a href={provenance.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
        {t.sourceLink}
      </a>
    </p>
  );
}
