// The one location the app ever sends: a commune/ward the shopper picks, if they want.
import { useEffect, useState } from 'preact/hooks';
import { api, timeout } from '../../api/api';
import { readSettings, writeSettings } from '../../app/settings';
import { useI18n } from '../../i18n/i18n';

interface PlaceOption {
  id: string;
  name: string;
}

export function AreaSetting() {
  const { t } = useI18n();
  const [place, setPlace] = useState(readSettings().place);
  const [options, setOptions] = useState<PlaceOption[]>([]);
  useEffect(() => {
    api.api.places
      .$get({ query: { era: 'current', level: 'ward', limit: '1000' } }, { init: { signal: timeout(5000) } })
      .then(async (r) => {
        if (r.status !== 200) return;
        const body = await r.json();
        if ('items' in body) setOptions(body.items.map((p) => ({ id: p.id, name: p.fullName || p.name })).sort((a, b) => a.name.localeCompare(b.name, 'vi')));
      })
      .catch(() => {});
  }, []);
  const choose = (id: string) => {
    const chosen = options.find((o) => o.id === id) ?? null;
    setPlace(chosen);
    writeSettings({ ...readSettings(), place: chosen });
  };
  const all = place && !options.some((o) => o.id === place.id) ? [place, ...options] : options;
  return (
    <div>
      <label for="area">{t.settingsArea}</label>
      <select id="area" value={place?.id ?? ''} onChange={(e) => choose(e.currentTarget.value)}>
        <option value="">{t.settingsAreaNone}</option>
        {all.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <p class="muted small">{t.settingsAreaHint}</p>
    </div>
  );
}
