// A schematic map with no geometry and no tiles: one square per ward/commune, grouped in
// blocks by the former district most of it came from, blocks flowed in rows. It reads
// "where are the reports" at a glance and works offline; it is not to scale.

export interface MapPlace {
  id: string;
  name: string;
  group: string | null;
  reports: number;
  open: number;
}

export interface MapTile extends MapPlace {
  x: number;
  y: number;
  /** 0 (none) to 4 (the most reports on the map). */
  level: number;
}

export interface MapLayout {
  width: number;
  height: number;
  tile: number;
  blocks: { label: string; x: number; y: number }[];
  tiles: MapTile[];
}

const TILE = 22;
const GAP = 2;
const LABEL = 12;
const BLOCK_GAP = 10;

/** Lay the places out as blocks of tiles within `width` user units. */
export function layoutSchematicMap(places: MapPlace[], width = 360): MapLayout {
  const groups = new Map<string, MapPlace[]>();
  for (const p of places) {
    const key = p.group ?? '—';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const max = Math.max(0, ...places.map((p) => p.reports));
  const levelOf = (n: number) => (n === 0 || max === 0 ? 0 : Math.max(1, Math.ceil((n / max) * 4)));
  const blocks: MapLayout['blocks'] = [];
  const tiles: MapTile[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const [label, members] of [...groups].sort(([a], [b]) => a.localeCompare(b, 'vi'))) {
    const cols = Math.ceil(Math.sqrt(members.length));
    const rows = Math.ceil(members.length / cols);
    const w = Math.max(cols * (TILE + GAP) - GAP, label.length * 5.5);
    const h = LABEL + rows * (TILE + GAP) - GAP;
    if (x > 0 && x + w > width) {
      x = 0;
      y += rowHeight + BLOCK_GAP;
      rowHeight = 0;
    }
    blocks.push({ label, x, y: y + LABEL - 3 });
    members.forEach((p, i) => tiles.push({ ...p, x: x + (i % cols) * (TILE + GAP), y: y + LABEL + Math.floor(i / cols) * (TILE + GAP), level: levelOf(p.reports) }));
    x += w + BLOCK_GAP;
    rowHeight = Math.max(rowHeight, h);
  }
  return { width, height: y + rowHeight, tile: TILE, blocks, tiles };
}
