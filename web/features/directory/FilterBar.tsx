import { useState } from 'preact/hooks';
import type { Place } from '../../../server/domain/registry-types';
import { foldVietnamese } from '../../../server/domain/vietnamese';
import type { FacetCounts } from '../../../server/domain/search-types';
import type { ProductQuery } from '../../app/data-source';
import { useI18n } from '../../i18n/i18n';
import { ocopGroupLabel } from '../../i18n/ocop-groups';
import { placeChoices } from './place-choices';

type Filters = Omit<ProductQuery, 'limit' | 'offset' | 'q'>;

const sortedEntries = (counts: Record<string, number> | undefined) => Object.entries(counts ?? {}).sort((a, b) => b[1] - a[1]);

/** Filters with the number of matching products beside each choice (facets over every match). */
export function FilterBar({
  filters,
  facets,
  markNames,
  places,
  open,
  onToggle,
  onChange,
}: {
  filters: Filters;
  facets: FacetCounts | null;
  markNames: Map<string, string>;
  places: ReadonlyMap<string, Place>;
  /** Whether the filters are shown; closed, only the summary is drawn (and no names are fetched). */
  open: boolean;
  onToggle(open: boolean): void;
  onChange(f: Filters): void;
}) {
  const { t, lang } = useI18n();
  const [placeText, setPlaceText] = useState('');
  const set = (patch: Partial<Filters>) => {
    const next: Filters = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof Filters)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    onChange(next);
  };
  const count = (n: number | undefined) => (n === undefined ? '' : ` (${n})`);
  const summary = <summary>{t.filters}</summary>;
  if (!open)
    return (
      <details class="card filters" onToggle={(e) => onToggle(e.currentTarget.open)}>
        {summary}
      </details>
    );
  // The place box narrows the list by any part of a name, with or without diacritics ("van dinh").
  const placeNeedle = foldVietnamese(placeText.trim());
  const placeGroups = placeChoices(facets?.placeId ?? {}, places)
    .map(({ group, choices }) => ({ group, choices: placeNeedle ? choices.filter((c) => foldVietnamese(c.label).includes(placeNeedle)) : choices }))
    .filter((g) => g.choices.length > 0);
  const offered = placeGroups.some((g) => g.choices.some((c) => c.id === filters.place));
  const groupLabel = { province: t.placeGroupProvince, current: t.placeGroupCurrent, oldProvince: t.placeGroupOldProvince, oldDistrict: t.placeGroupOldDistrict, oldLocal: t.placeGroupOldLocal } as const;
  const certLabel = { valid: t.certValid, expired: t.certExpired, unknown: t.certUnknown, none: t.certNone } as const;
  return (
    <details class="card filters" open onToggle={(e) => onToggle(e.currentTarget.open)}>
      {summary}
      <fieldset class="chips">
        <legend>{t.filterStars}</legend>
        {[5, 4, 3].map((n) => {
          const on = filters.stars?.includes(n) ?? false;
          return (
            <label key={n} class={`chip${on ? ' on' : ''}`}>
              <input
                type="checkbox"
                checked={on}
                onChange={() => {
                  const stars = on ? (filters.stars ?? []).filter((s) => s !== n) : [...(filters.stars ?? []), n];
                  set({ stars: stars.length ? stars : undefined });
                }}
              />
              {t.ocopStars(n)}
              {count(facets?.stars[String(n)])}
            </label>
          );
        })}
      </fieldset>
      <label for="f-group">{t.filterGroup}</label>
      <select id="f-group" value={filters.group ?? ''} onChange={(e) => set({ group: e.currentTarget.value || undefined })}>
        <option value="">{t.filterAny}</option>
        {sortedEntries(facets?.ocopGroup).map(([g, n]) => (
          <option key={g} value={g}>
            {ocopGroupLabel(lang, g)}
            {count(n)}
          </option>
        ))}
        {filters.group && !facets?.ocopGroup[filters.group] ? <option value={filters.group}>{ocopGroupLabel(lang, filters.group)}</option> : null}
      </select>
      <label for="f-place">{t.filterPlace}</label>
      <input
        id="f-place-search"
        type="search"
        class="place-search"
        autoComplete="off"
        aria-label={t.filterPlaceSearch}
        placeholder={t.filterPlaceSearch}
        value={placeText}
        onInput={(e) => setPlaceText(e.currentTarget.value)}
      />
      <select id="f-place" value={filters.place ?? ''} onChange={(e) => set({ place: e.currentTarget.value || undefined })}>
        <option value="">{t.filterAny}</option>
        {placeGroups.map(({ group, choices }) => (
          <optgroup key={group} label={groupLabel[group]}>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
                {count(c.count)}
              </option>
            ))}
          </optgroup>
        ))}
        {filters.place && !offered ? <option value={filters.place}>{places.get(filters.place)?.fullName ?? filters.place}</option> : null}
      </select>
      <label for="f-mark">{t.filterMark}</label>
      <select id="f-mark" value={filters.mark ?? ''} onChange={(e) => set({ mark: e.currentTarget.value || undefined })}>
        <option value="">{t.filterAny}</option>
        {sortedEntries(facets?.markId).map(([id, n]) => (
          <option key={id} value={id}>
            {markNames.get(id) ?? id}
            {count(n)}
          </option>
        ))}
      </select>
      <label for="f-year">{t.filterAwardYear}</label>
      <select id="f-year" value={filters.awardYear ? String(filters.awardYear) : ''} onChange={(e) => set({ awardYear: Number(e.currentTarget.value) || undefined })}>
        <option value="">{t.filterAny}</option>
        {sortedEntries(facets?.awardYear)
          .sort((a, b) => Number(b[0]) - Number(a[0]))
          .map(([y, n]) => (
            <option key={y} value={y}>
              {y}
              {count(n)}
            </option>
          ))}
      </select>
      <label for="f-cert">{t.filterCert}</label>
      <select id="f-cert" value={filters.cert ?? ''} onChange={(e) => set({ cert: (e.currentTarget.value || undefined) as Filters['cert'] })}>
        <option value="">{t.filterAny}</option>
        {(['valid', 'expired', 'unknown', 'none'] as const).map((c) => (
          <option key={c} value={c}>
            {certLabel[c]}
            {count(facets?.certificate[c])}
          </option>
        ))}
      </select>
      {Object.keys(filters).length ? (
        <button type="button" class="btn secondary" onClick={() => onChange({})}>
          {t.filterClear}
        </button>
      ) : null}
    </details>
  );
}
