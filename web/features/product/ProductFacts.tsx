// The facts of a product a shopper weighs: producer, OCOP stars with the decision and
// how long it is valid, protected marks and awards, each with its source. Shared by the
// verdict screen's product card and the product page.
import { issuingBodyName } from '../../../server/domain/issuing-body';
import type { Award, Mark, OcopCertification, Producer, ProductSummary } from '../../../server/domain/registry-types';
import { showDate } from '../../app/vietnam-time';
import { useI18n } from '../../i18n/i18n';
import { ratingNoteLabel } from '../../i18n/ocop-groups';
import type { Messages } from '../../i18n/messages';
import { SourceLink } from '../../ui/SourceLink';
import { Stars } from '../../ui/Stars';

export const markKindLabel = (t: Messages, kind: Mark['kind']) =>
  ({ geographical_indication: t.markKindGeographicalIndication, collective: t.markKindCollective, certification: t.markKindCertification, trademark: t.markKindTrademark })[kind];

/** An OCOP certificate: stars, year, decision, issuer (current name, the one at the time as history), term. */
export function CertificationItem({ cert }: { cert: OcopCertification }) {
  const { t, lang } = useI18n();
  const byYear = !cert.validUntil && cert.latestUntil;
  const status =
    cert.status === 'valid'
      ? t.ocopValid
      : cert.status === 'expired'
        ? byYear
          ? t.ocopExpiredByYear(showDate(cert.latestUntil))
          : t.ocopExpired
        : byYear
          ? t.ocopUnknownByYear(showDate(cert.latestUntil))
          : t.ocopUnknown;
  const body = cert.issuingBody ? issuingBodyName(cert.issuingBody) : null;
  return (
    <li class={`cert cert-${cert.status}`}>
      <Stars stars={cert.stars} potentialFive={cert.potentialFive} />
      {cert.certYear ? <div class="cert-year">{t.ocopYear(cert.certYear)}</div> : null}
      {cert.decisionNumber ? <div>{t.ocopDecision(cert.decisionNumber, showDate(cert.decisionDate))}</div> : null}
      {body ? (
        <div>
          {t.ocopIssuedBy(body.current)}
          {body.atTheTime ? <span class="muted"> ({t.ocopIssuedFormerly(body.atTheTime)})</span> : null}
        </div>
      ) : null}
      <div>
        <strong class={`status status-${cert.status}`}>{status}</strong>
        {cert.validUntil ? <span> · {t.ocopValidUntil(showDate(cert.validUntil))}</span> : null}
      </div>
      {byYear ? <div class="muted small">{t.ocopYearRule}</div> : null}
      {cert.ratingNote ? <div class="muted">{ratingNoteLabel(lang, cert.ratingNote)}</div> : null}
      <SourceLink provenance={cert.provenance} />
    </li>
  );
}

const markStatusLabel = (t: Messages, status: string | null): string | null =>
  status === 'granted' ? t.markStatus_granted : status === 'place_name_permitted' ? t.markStatus_place_name_permitted : status === 'project_completed' ? t.markStatus_project_completed : status;

/** A mark; with `productCount` (the marks page) it says whether any source names its producers. */
export function MarkItem({ mark, productCount }: { mark: Mark; productCount?: number }) {
  const { t, lang } = useI18n();
  const status = markStatusLabel(t, mark.status);
  return (
    <li>
      <strong>{mark.name}</strong> <span class="tag">{markKindLabel(t, mark.kind)}</span>
      {mark.product ? <div>{mark.product}</div> : null}
      {mark.holder ? <div>{t.markHolder(mark.holder)}</div> : null}
      {mark.registrationNo ? <div>{t.markRegistration(mark.registrationNo)}</div> : null}
      {status ? <div>{status}</div> : null}
      {mark.decision ? <div class="muted">{t.markDecision([mark.decision, mark.dateText].filter(Boolean).join(', '))}</div> : null}
      {mark.region ? <div class="muted">{mark.region}</div> : null}
      {/* The registry's public notes are Vietnamese; English mode keeps to the structured facts. */}
      {mark.notes && lang === 'vi' ? <p class="mark-note">{mark.notes}</p> : null}
      {productCount === undefined ? null : productCount > 0 ? (
        <div>
          <a href={`/directory?mark=${encodeURIComponent(mark.id)}`}>{t.markProducts(productCount)}</a>
        </div>
      ) : (
        <div class="muted">{t.markNoProducers}</div>
      )}
      <SourceLink provenance={mark.provenance} />
    </li>
  );
}

export function AwardItem({ award }: { award: Award }) {
  const { t } = useI18n();
  return (
    <li>
      <strong>{t.awardHvncl}</strong> — {t.awardYear(award.year)}
      {award.rank ? <span class="tag">{award.rank}</span> : null}
      <div>{award.enterprise}</div>
      {award.productOrService ? <div class="muted">{award.productOrService}</div> : null}
      <SourceLink provenance={award.provenance} />
    </li>
  );
}

export interface ProductFactsProps {
  product: ProductSummary;
  producer: Producer | null | undefined;
  certifications: OcopCertification[];
  marks: Mark[];
  awards: Award[];
  /** Link the product name to its page (not on the page itself). */
  linkName?: boolean;
}

export function ProductFacts({ product, producer, certifications, marks, awards, linkName }: ProductFactsProps) {
  const { t } = useI18n();
  const name = linkName ? <a href={`/product/${encodeURIComponent(product.id)}`}>{product.name}</a> : product.name;
  return (
    <div class="facts">
      <h2 class="product-name">{name}</h2>
      {producer ? (
        <p>
          {t.producer}: <a href={`/producer/${encodeURIComponent(producer.id)}`}>{producer.name}</a>
        </p>
      ) : product.producerName ? (
        <p>
          {t.producer}: {product.producerName}
        </p>
      ) : (
        <p class="muted">{t.producerUnknown}</p>
      )}
      {product.placeName || product.province ? (
        <p>
          {t.place}: {[...new Set([product.placeName, product.province].filter(Boolean))].join(', ')}
          {product.formerPlaceName ? <span class="muted"> ({t.formerPlace(product.formerPlaceName)})</span> : null}
        </p>
      ) : null}
      {product.isAggregate ? <p class="notice">{t.aggregateRow(product.aggregateCount)}</p> : null}
      <section aria-label={t.ocopCertificates}>
        {certifications.length ? (
          <ul class="plain">
            {certifications.map((c) => (
              <CertificationItem key={c.id} cert={c} />
            ))}
          </ul>
        ) : (
          <p class="muted">{t.ocopNone}</p>
        )}
      </section>
      {marks.length ? (
        <section>
          <h3>{t.marks}</h3>
          <ul class="plain">
            {marks.map((m) => (
              <MarkItem key={m.id} mark={m} />
            ))}
          </ul>
        </section>
      ) : null}
      {awards.length ? (
        <section>
          <h3>{t.awards}</h3>
          <ul class="plain">
            {awards.map((a) => (
              <AwardItem key={a.id} award={a} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
