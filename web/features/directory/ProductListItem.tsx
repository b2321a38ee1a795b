import type { ProductSummary } from '../../../server/domain/registry-types';
import { useI18n } from '../../i18n/i18n';
import { Stars } from '../../ui/Stars';

/** One search result; `partial` when the query matched only some of its words. */
export function ProductListItem({ product, partial = false }: { product: ProductSummary; partial?: boolean }) {
  const { t } = useI18n();
  const cert = product.certificateStatus;
  const why = (product.match ?? []).map((m) =>
    m.field === 'former_place' ? t.matchWhy_former_place(m.text) : m.field === 'place' ? t.matchWhy_place(m.text) : m.field === 'producer' ? t.matchWhy_producer(m.text) : t.matchWhy_province(m.text),
  );
  return (
    <li class="product-item">
      <a href={`/product/${encodeURIComponent(product.id)}`}>
        <strong>{product.name}</strong>
      </a>
      <div class="muted">{[...new Set([product.producerName, product.placeName, product.province].filter(Boolean))].join(' · ')}</div>
      <div>
        <Stars stars={product.stars} potentialFive={product.potentialFive} />
        {product.stars && product.certYear ? <span class="muted"> · {t.ocopYear(product.certYear)}</span> : null}
        {cert === 'expired' ? <span class="tag status-expired">{t.certExpired}</span> : null}
        {product.isAggregate ? <span class="tag">{t.aggregateRow(product.aggregateCount)}</span> : null}
        {partial ? <span class="tag partial">{t.matchPartial}</span> : null}
      </div>
      {why.length ? <div class="match-why muted small">{why.join(' · ')}</div> : null}
    </li>
  );
}
