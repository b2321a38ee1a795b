import { useEffect, useState } from 'preact/hooks';
import type { Mark } from '../../../server/domain/registry-types';

type MarkWithCount = Mark & { productCount: number };
import { getMarks } from '../../app/data-source';
import { useI18n } from '../../i18n/i18n';
import { MarkItem } from '../product/ProductFacts';

export function MarksScreen() {
  const { t } = useI18n();
  const [marks, setMarks] = useState<MarkWithCount[] | null | 'error'>(null);
  useEffect(() => {
    getMarks()
      .then((r) => setMarks(r.data))
      .catch(() => setMarks('error'));
  }, []);
  return (
    <div class="screen">
      <h1>{t.marksTitle}</h1>
      {marks === null ? (
        <p class="loading">{t.loading}</p>
      ) : marks === 'error' ? (
        <p class="error">{t.error}</p>
      ) : (
        <ul class="plain cards">
          {marks.map((m) => (
            <MarkItem key={m.id} mark={m} productCount={m.productCount} />
          ))}
        </ul>
      )}
    </div>
  );
}
