// Converts the gathered public registry facts (shared/data/registry/*.csv) into the
// project's own import format under data/. Run once per update of the facts:
//   npm run data:convert -- [registry-dir]
// The output is committed; `npm start` and `npm run import` read data/, never shared/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeCsv } from '../server/domain/csv';
import { KIND_COLUMNS, type RegistryKind } from '../server/domain/registry-kinds';
import { convertOcopProducts } from './registry/convert-ocop-products';
import { convertAwards, convertGs1, convertMarks, convertOcopReference, markId } from './registry/convert-others';
import { convertPlaces, type Row } from './registry/convert-places';

const sourceDir = resolve(process.argv[2] ?? '../shared/data/registry');
const outDir = resolve('data');

const { places, aliases, index } = convertPlaces(sourceDir);
const { producers, products, certifications } = convertOcopProducts(sourceDir, index);
const marks = convertMarks(sourceDir);
const { awards, programmes } = convertAwards(sourceDir);
const { stats, rules, categories } = convertOcopReference(sourceDir);

// Mark links stated by the sources. ocop_products.csv notes that HTX Nông nghiệp Tam Hưng's
// rice is sold under the collective mark "Gạo thơm Bối Khê" (hanoimoi.vn); marks.csv says the same.
const boiKhe: Row = marks.find((m) => m.id === markId('Gạo thơm Bối Khê'))!;
const markLinks: Row[] = products
  .filter((p) => String(p.notes).includes('collective mark "Gạo thơm Bối Khê"'))
  .map((p) => ({
    id: `${boiKhe.id}>${p.id}`,
    mark_id: String(boiKhe.id),
    product_id: String(p.id),
    producer_id: String(p.producer_id ?? ""),
    source_url: String(boiKhe.source_url),
    source_document: `${boiKhe.source_document}; ${p.source_document}`,
  }));

const files: [RegistryKind, Row[]][] = [
  ['places', places],
  ['place_aliases', aliases],
  ['producers', producers],
  ['products', products],
  ['ocop_certifications', certifications],
  ['marks', marks],
  ['mark_links', markLinks],
  ['awards', awards],
  ['award_programmes', programmes],
  ['gs1_prefixes', convertGs1(sourceDir)],
  ['ocop_stats', stats],
  ['ocop_rules', rules],
  ['ocop_categories', categories],
];

mkdirSync(outDir, { recursive: true });
for (const [kind, rows] of files) {
  const ids = new Set<string>();
  for (const row of rows) {
    const id = String(row.id);
    if (ids.has(id)) throw new Error(`${kind}: duplicate id ${id}`);
    ids.add(id);
  }
  const header = KIND_COLUMNS[kind].map((c) => c.name);
  writeFileSync(join(outDir, `${kind}.csv`), writeCsv(header, rows));
  console.log(`${kind.padEnd(20)} ${String(rows.length).padStart(5)} rows → data/${kind}.csv`);
}
