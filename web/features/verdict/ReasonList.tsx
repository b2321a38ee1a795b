import type { Reason } from '../../../server/domain/verdict';
import { pick, useI18n } from '../../i18n/i18n';

/** Each reason in plain words (dates and coarse places are in the sentence itself). */
export function ReasonList({ reasons }: { reasons: Reason[] }) {
  const { t, lang } = useI18n();
  if (!reasons.length) return null;
  return (
    <section class="card">
      <h2>{t.verdictReasons}</h2>
      <ul class="reasons">
        {reasons.map((r, i) => (
          <li key={`${r.code}-${i}`} data-code={r.code}>
            {pick(lang, r)}
          </li>
        ))}
      </ul>
    </section>
  );
}
