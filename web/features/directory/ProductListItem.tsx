import type { ProductSummary } from '../../../server/domain/registry-types';
import { useI18n } from '../../i18n/i18n';
import { Stars } from '../../ui/Stars';

export function ProductListItem({ product }: { product: ProductSummary }) {
  const { t } = useI18n();
  const cert = product.certificateStatus;
  return (
    <li class="product-item">
      <a href={`/product/${encodeURIComponent(product.id)}`}>
        <strong>{product.name}</strong>
      </a>
      <div class="muted">{[...new Set([product.producerName, product.placeName, product.province].filter(Boolean))].join(' · ')}</div>
      <div>
        <Stars stars={product.stars} potentialFive={product.potentialFive} />
        {cert === 'expired' ? <span class="tag status-expired">{t.certExpired}</span> : null}
        {product.isAggregate ? <span class="tag">{t.aggregateRow(product.aggregateCount)}</span> : null}
      </div>
    </li>
  );
}
