import { useEffect, useState } from 'preact/hooks';
import type { ProductDetail } from '../../../server/domain/registry-types';
import { getProduct } from '../../app/data-source';
import { useI18n } from '../../i18n/i18n';
import { ocopGroupLabel } from '../../i18n/ocop-groups';
import { SourceLink } from '../../ui/SourceLink';
import { ProductFacts } from './ProductFacts';

export function ProductScreen({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<{ product: ProductDetail | null; offline: boolean } | 'loading' | 'error'>('loading');
  useEffect(() => {
    let live = true;
    setState('loading');
    getProduct(id)
      .then((r) => live && setState({ product: r.data, offline: r.offline }))
      .catch(() => live && setState('error'));
    return () => {
      live = false;
    };
  }, [id]);
  if (state === 'loading') return <p class="loading">{t.loading}</p>;
  if (state === 'error' || !state.product)
    return (
      <div class="screen" data-screen={state === 'error' ? 'error' : 'not-found'}>
        <h1>{state === 'error' ? t.error : t.notFound}</h1>
        {state === 'error' ? null : <p>{t.productNotFound}</p>}
        <p>
          <a class="btn secondary" href="/directory">
            {t.backToDirectory}
          </a>
        </p>
      </div>
    );
  const p = state.product;
  return (
    <div class="screen product">
      <p class="muted">{t.productCard}</p>
      <h1 class="visually-hidden">{p.name}</h1>
      <ProductFacts product={p} producer={p.producer} certifications={p.certifications} marks={p.marks} awards={p.awards} />
      {p.ocopGroup ? (
        <p>
          {t.filterGroup}: {ocopGroupLabel(lang, p.ocopGroup)}
          {p.ocopGroupBasis === 'derived' ? <span class="muted"> ({t.derivedGroup})</span> : null}
        </p>
      ) : null}
      {p.whereToBuy ? (
        <p>
          {t.whereToBuy}: {p.whereToBuy}
        </p>
      ) : null}
      {p.gtins.length ? (
        <p>
          {t.gtins}: <span class="code">{p.gtins.join(', ')}</span>
        </p>
      ) : null}
      {p.notes ? <p class="muted">{p.notes}</p> : null}
      {/* Said once: most products come from the same page as their certificate. */}
      {p.certifications.some((c) => c.provenance.sourceUrl === p.provenance.sourceUrl) ? null : <SourceLink provenance={p.provenance} />}
    </div>
  );
}
