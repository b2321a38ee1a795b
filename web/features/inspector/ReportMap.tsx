// Hanoi's wards and communes shaded by shoppers' reports, as an SVG schematic (no tiles,
// no network beyond the counts). Counts are written in the squares: never colour alone.
import { useEffect, useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import type { ConsoleProps } from './InspectorConsole';
import { consoleApi } from './console-api';
import { layoutSchematicMap, type MapLayout } from './map-layout';

const SHADES = ['#eef2f0', '#fde9b8', '#f7c56b', '#e8893b', '#c2410c'];

export function ReportMap({ m }: ConsoleProps) {
  const { lang } = useI18n();
  const [layout, setLayout] = useState<MapLayout | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    consoleApi.reportMap().then((r) => (r.ok ? setLayout(layoutSchematicMap(r.data.places)) : setError(pick(lang, { message_vi: r.error.message_vi, message_en: r.error.message }))));
  }, []);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!layout) return <p class="loading">…</p>;
  const busiest = [...layout.tiles].filter((t) => t.reports > 0).sort((a, b) => b.reports - a.reports).slice(0, 10);
  return (
    <section>
      <h1>{m.mapTitle}</h1>
      <p class="small muted">{m.mapLead}</p>
      <svg class="report-map" viewBox={`-2 -2 ${layout.width + 4} ${layout.height + 4}`} role="img" aria-label={m.mapTitle}>
        {layout.blocks.map((b) => (
          <text key={b.label} x={b.x} y={b.y} class="map-group">
            {b.label}
          </text>
        ))}
        {layout.tiles.map((t) => (
          <g key={t.id}>
            <title>{m.mapTile(t.name, t.reports, t.open)}</title>
            <rect x={t.x} y={t.y} width={layout.tile} height={layout.tile} rx={3} fill={SHADES[t.level]} stroke={t.open > 0 ? '#7c2d12' : '#9aa5ad'} stroke-width={t.open > 0 ? 1.5 : 0.5} />
            {t.reports > 0 ? (
              <text x={t.x + layout.tile / 2} y={t.y + layout.tile / 2 + 3.5} class="map-count" text-anchor="middle">
                {t.reports}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <div class="map-legend small">
        {SHADES.map((c, i) => (
          <span key={c}>
            <i style={{ background: c }} aria-hidden="true" /> {m.mapLevel[i]}
          </span>
        ))}
      </div>
      {busiest.length ? (
        <>
          <h2>{m.mapBusiest}</h2>
          <ol class="small">
            {busiest.map((t) => (
              <li key={t.id}>{m.mapTile(t.name, t.reports, t.open)}</li>
            ))}
          </ol>
        </>
      ) : (
        <p>{m.queueEmpty}</p>
      )}
    </section>
  );
}
