import { useEffect, useState } from 'preact/hooks';
import { getProducer, type ProducerPage } from '../../app/data-source';
import { useI18n } from '../../i18n/i18n';
import type { Messages } from '../../i18n/messages';
import { SourceLink } from '../../ui/SourceLink';
import { ProductListItem } from '../directory/ProductListItem';

const typeLabel = (t: Messages, type: ProducerPage['type']) =>
  type === 'company' ? t.producerType_company : type === 'cooperative' ? t.producerType_cooperative : type === 'household' ? t.producerType_household : null;

export function ProducerScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<ProducerPage | null | 'loading' | 'error'>('loading');
  useEffect(() => {
    let live = true;
    setState('loading');
    getProducer(id)
      .then((r) => live && setState(r.data))
      .catch(() => live && setState('error'));
    return () => {
      live = false;
    };
  }, [id]);
  if (state === 'loading') return <p class="loading">{t.loading}</p>;
  if (state === 'error' || !state)
    return (
      <div class="screen">
        <h1>{state === 'error' ? t.error : t.notFound}</h1>
      </div>
    );
  const kind = typeLabel(t, state.type);
  return (
    <div class="screen producer">
      <p class="muted">{t.producer}</p>
      <h1>{state.name}</h1>
      {kind ? <p class="tag">{kind}</p> : null}
      {state.address || state.province ? <p>{[state.address, state.province].filter(Boolean).join(', ')}</p> : null}
      {state.notes ? <p class="muted">{state.notes}</p> : null}
      <SourceLink provenance={state.provenance} />
      <h2>{t.productsOfProducer}</h2>
      <ul class="plain product-list">
        {state.products.map((p) => (
          <ProductListItem key={p.id} product={p} />
        ))}
      </ul>
    </div>
  );
}
