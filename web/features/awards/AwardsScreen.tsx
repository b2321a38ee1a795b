import { useEffect, useState } from 'preact/hooks';
import type { Award } from '../../../server/domain/registry-types';
import { getAwards } from '../../app/data-source';
import { useI18n } from '../../i18n/i18n';
import { AwardItem } from '../product/ProductFacts';

export function AwardsScreen() {
  const { t } = useI18n();
  const [awards, setAwards] = useState<Award[] | null | 'error'>(null);
  useEffect(() => {
    getAwards()
      .then((r) => setAwards([...r.data].sort((a, b) => b.year - a.year)))
      .catch(() => setAwards('error'));
  }, []);
  return (
    <div class="screen">
      <h1>{t.awardsTitle}</h1>
      {awards === null ? (
        <p class="loading">{t.loading}</p>
      ) : awards === 'error' ? (
        <p class="error">{t.error}</p>
      ) : (
        <ul class="plain cards">
          {awards.map((a) => (
            <AwardItem key={a.id} award={a} />
          ))}
        </ul>
      )}
    </div>
  );
}
