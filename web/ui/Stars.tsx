import { useI18n } from '../i18n/i18n';
import { Icon } from './Icon';

/** OCOP stars as icons plus words ("OCOP 4 sao"): never the icons alone. */
export function Stars({ stars, potentialFive }: { stars: number | null; potentialFive?: boolean }) {
  const { t } = useI18n();
  if (!stars) return <span class="stars none">{t.ocopNone}</span>;
  return (
    <span class="stars">
      {Array.from({ length: stars }, (_, i) => (
        <Icon key={i} name="star" size={16} />
      ))}
      <span>{t.ocopStars(stars)}</span>
      {potentialFive ? <span class="tag">{t.ocopPotentialFive}</span> : null}
    </span>
  );
}
