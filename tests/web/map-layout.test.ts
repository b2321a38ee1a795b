import { describe, expect, it } from 'vitest';
import { layoutSchematicMap, type MapPlace } from '../../web/features/inspector/map-layout';

const place = (id: string, group: string, reports = 0): MapPlace => ({ id, name: id, group, reports, open: 0 });

describe('schematic map layout', () => {
  const places = [
    ...Array.from({ length: 9 }, (_, i) => place(`bd-${i}`, 'Ba Đình', i === 0 ? 8 : 0)),
    ...Array.from({ length: 30 }, (_, i) => place(`bv-${i}`, 'Ba Vì', i === 1 ? 2 : 0)),
    place('x', 'Đông Anh', 1),
  ];
  const layout = layoutSchematicMap(places, 200);

  it('draws every place once, grouped in one block per former district, inside the width', () => {
    expect(layout.tiles.map((t) => t.id).sort()).toEqual(places.map((p) => p.id).sort());
    expect(layout.blocks.map((b) => b.label)).toEqual(['Ba Đình', 'Ba Vì', 'Đông Anh']);
    for (const t of layout.tiles) expect(t.x + layout.tile).toBeLessThanOrEqual(200);
    const keys = new Set(layout.tiles.map((t) => `${t.x},${t.y}`));
    expect(keys.size).toBe(places.length);
    for (const t of layout.tiles) expect(t.y + layout.tile).toBeLessThanOrEqual(layout.height);
  });

  it('shades by share of the busiest place: none 0, the busiest 4', () => {
    const level = (id: string) => layout.tiles.find((t) => t.id === id)!.level;
    expect([level('bd-0'), level('bv-1'), level('x'), level('bd-1')]).toEqual([4, 1, 1, 0]);
    expect(layoutSchematicMap([place('a', 'A')]).tiles[0]!.level).toBe(0);
  });
});
