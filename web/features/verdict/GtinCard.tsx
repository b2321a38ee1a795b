import type { VerifyResult } from '../../../server/domain/verify-result';
import { pick, useI18n } from '../../i18n/i18n';

/** A product barcode explained: check digit, GS1 prefix (who licensed it, not where it was made), directory matches. */
export function GtinCard({ gtin }: { gtin: NonNullable<VerifyResult['gtin']> }) {
  const { t, lang } = useI18n();
  return (
    <section class="card">
      <h2>{t.gtinTitle(gtin.format ?? 'GTIN')}</h2>
      <p class="code">{gtin.digits}</p>
      <p>
        <strong>{gtin.checkDigitValid ? t.gtinCheckOk : t.gtinCheckBad}</strong>
      </p>
      {gtin.prefix ? (
        <p>
          <strong>{t.gtinPrefix(gtin.prefix.prefix)}</strong>: {pick(lang, gtin.prefix)}
        </p>
      ) : null}
      {gtin.checkDigitValid ? (
        gtin.registryMatches.length ? (
          <>
            <h3>{t.gtinMatches}</h3>
            <ul class="plain">
              {gtin.registryMatches.map((p) => (
                <li key={p.id}>
                  <a href={`/product/${encodeURIComponent(p.id)}`}>{p.name}</a>
                  {p.producerName ? <span class="muted"> — {p.producerName}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="muted">{t.gtinNoMatches}</p>
        )
      ) : null}
    </section>
  );
}
