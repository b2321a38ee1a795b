import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readImportSources } from '../../server/repositories/import-files.repository';
import { createRegistryRepository, type RegistryRepository } from '../../server/repositories/registry.repository';
import { applyImport, planImport } from '../../server/services/import/import.service';
import { createTempDb } from '../helpers/temp-db';

const now = () => new Date('2026-11-25T00:00:00Z');
const count = (t: ReturnType<typeof createTempDb>, table: string) => t.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

describe('registry import', () => {
  let t: ReturnType<typeof createTempDb>;
  let repo: RegistryRepository;
  beforeEach(() => {
    t = createTempDb();
    repo = createRegistryRepository(t.db);
  });
  afterEach(() => t.cleanup());

  it('imports the real registry in data/ and a second import changes nothing', () => {
    const plan = planImport(readImportSources(['data']), repo);
    expect(plan.issues).toEqual([]);
    const first = applyImport(plan, repo, now);
    expect(first.added).toBeGreaterThan(2000);
    expect(count(t, 'products')).toBe(381);
    expect(count(t, 'marks')).toBe(49);
    expect(count(t, 'places')).toBe(769);
    expect(first.toVersion).toBe(first.added);

    const again = planImport(readImportSources(['data']), repo);
    expect(again.diffs.every((d) => d.added.length === 0 && d.changed.length === 0 && d.removed.length === 0)).toBe(true);
    const second = applyImport(again, repo, now);
    expect(second).toMatchObject({ added: 0, changed: 0, removed: 0, fromVersion: first.toVersion, toVersion: first.toVersion });
  });

  it('keeps the team\'s research notes out of the public record and says who stands behind the new marks', () => {
    applyImport(planImport(readImportSources(['data']), repo), repo, now);
    const sql = (q: string) => t.db.prepare(q).pluck().get() as number;
    // data/research/notes.csv sits one level down: an import of data/ never reads it.
    expect(readImportSources(['data']).some((s) => s.file.includes('research'))).toBe(false);
    for (const table of ['products', 'producers', 'marks', 'awards', 'award_programmes', 'ocop_certifications']) {
      const english = ['the', 'not', 'and', 'of', 'by', 'source', 'named'].map((w) => `' ' || notes || ' ' LIKE '% ${w} %'`).join(' OR ');
      expect(sql(`SELECT COUNT(*) FROM ${table} WHERE ${english}`), table).toBe(0);
    }
    expect(sql(`SELECT COUNT(*) FROM products WHERE notes <> ''`)).toBe(0);
    expect(sql(`SELECT COUNT(*) FROM products WHERE name LIKE '%products%' OR name LIKE '%not listed%'`)).toBe(0);
    expect(sql(`SELECT COUNT(*) FROM marks WHERE status = 'place_name_permitted'`)).toBe(19);
    expect(sql(`SELECT COUNT(*) FROM marks WHERE notes LIKE '%đơn vị xin đăng ký%'`)).toBe(23);
    expect(sql(`SELECT COUNT(*) FROM products WHERE province = 'Thanh Hóa'`)).toBe(0);
  });

  it('reports every bad line with file, line and column, and changes nothing', () => {
    applyImport(planImport(readImportSources(['data']), repo), repo, now);
    const before = { version: repo.currentVersion(), products: count(t, 'products'), certs: count(t, 'ocop_certifications') };
    const header = readFileSync('data/ocop_certifications.csv', 'utf8').split('\n')[0];
    const good = readFileSync('data/ocop_certifications.csv', 'utf8').split('\n')[1];
    const text = [
      header,
      good!.replace(/,(3|4|5),0,/, ',4,0,'), // line 2: a real change
      'oc-x1,p-does-not-exist,4,0,,,,2024,,,,https://example.org/a,', // line 3: unknown product
      'oc-x2,' + good!.split(',')[1] + ',6,0,,,,,,,,https://example.org/b,', // line 4: 6 stars
      'oc-x3,' + good!.split(',')[1] + ',4,0,,,2024-02-30,,,,,https://example.org/c,', // line 5: no such date
      'oc-x4,' + good!.split(',')[1] + ',4,0,,,,,,,,,', // line 6: no source
    ].join('\n');
    const plan = planImport([{ file: 'bad/ocop_certifications.csv', text }], repo);
    expect(plan.ok).toBe(false);
    const where = plan.issues.map((i) => `${i.file}:${i.line}:${i.column}`);
    expect(where).toEqual([
      'bad/ocop_certifications.csv:4:stars',
      'bad/ocop_certifications.csv:5:decision_date',
      'bad/ocop_certifications.csv:6:source_url',
      'bad/ocop_certifications.csv:3:product_id',
    ]);
    expect(plan.issues[0]!.message).toMatch(/one of 3, 4, 5/);
    expect(() => applyImport(plan, repo, now)).toThrow();
    expect({ version: repo.currentVersion(), products: count(t, 'products'), certs: count(t, 'ocop_certifications') }).toEqual(before);
  });

  it('names the line of a malformed CSV and of a wrong field count', () => {
    const broken = planImport([{ file: 'marks.csv', text: 'id,name,kind,source_url\nmk-a,"Gà đồi,collective,https://x\n' }], repo);
    expect(broken.issues).toEqual([{ file: 'marks.csv', line: 2, message: 'quoted field is never closed' }]);
    const short = planImport([{ file: 'marks.csv', text: 'id,name,kind,source_url\nmk-a,Gà đồi,collective\n' }], repo);
    expect(short.issues[0]).toMatchObject({ line: 2, message: 'has 3 fields, the header has 4' });
    const unknown = planImport([{ file: 'things.csv', text: 'id\n1\n' }], repo);
    expect(unknown.issues[0]!.message).toMatch(/cannot tell what things.csv holds/);
  });

  it('dry-run diff tells added, changed, unchanged and removed', () => {
    const text = 'id,name,kind,source_url\nmk-a,Gà đồi Ba Vì,collective,https://example.org/1\nmk-b,Nhãn Đại Thành,collective,https://example.org/2\n';
    applyImport(planImport([{ file: 'marks.csv', text }], repo), repo, now);
    const next = 'id,name,kind,source_url\nmk-a,Gà đồi Ba Vì,collective,https://example.org/1\nmk-c,Vịt Vân Đình,collective,https://example.org/3\nmk-b,Nhãn Đại Thành,geographical_indication,https://example.org/2\n';
    const plan = planImport([{ file: 'marks.csv', text: next.replace('mk-a,Gà đồi Ba Vì,collective,https://example.org/1\n', '') }], repo);
    const diff = plan.diffs[0]!;
    expect(diff.added).toEqual(['mk-c']);
    expect(diff.changed).toEqual([{ id: 'mk-b', fields: [{ column: 'kind', before: 'collective', after: 'geographical_indication' }] }]);
    expect(diff.unchanged).toBe(0);
    expect(diff.removed).toEqual(['mk-a']);
    const applied = applyImport(plan, repo, now);
    expect(applied).toMatchObject({ added: 1, changed: 1, removed: 0 });
    expect(count(t, 'marks')).toBe(3); // removal only with --prune

    const pruned = applyImport(planImport([{ file: 'marks.csv', text: next.replace('mk-a,Gà đồi Ba Vì,collective,https://example.org/1\n', '') }], repo, { prune: true }), repo, now);
    expect(pruned).toMatchObject({ added: 0, changed: 0, removed: 1 });
    expect(repo.changesSince(0, 100).map((c) => `${c.op}:${c.entityId}`)).toEqual([
      'upsert:mk-a',
      'upsert:mk-b',
      'upsert:mk-c',
      'upsert:mk-b',
      'delete:mk-a',
    ]);
  });

  it('imports JSON rows and reports bad JSON', () => {
    const json = JSON.stringify({ kind: 'marks', rows: [{ id: 'mk-j', name: 'Bưởi Diễn', kind: 'collective', source_url: 'https://example.org/j' }] });
    expect(applyImport(planImport([{ file: 'upload.json', text: json }], repo), repo, now).added).toBe(1);
    expect(planImport([{ file: 'marks.json', text: '{"rows": [' }], repo).issues[0]!.message).toMatch(/not valid JSON/);
    expect(planImport([{ file: 'marks.json', text: '[1, {"id": "x"}]' }], repo).issues.map((i) => i.line)).toEqual([1]);
  });
});
