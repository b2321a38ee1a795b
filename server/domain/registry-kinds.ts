// The registry's import format: one CSV (or JSON) file per kind of record, named
// after the kind (products.csv, marks.json …). Each kind lists its columns, which are
// required, how each is typed, and which other kind a column points to. The `id`
// column is the record's natural key, stable across re-imports.

export type ColumnType = 'text' | 'int' | 'bool' | 'date' | 'json_string_array';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** Allowed values for an enumerated text column. */
  oneOf?: readonly string[];
  /** Kind whose id this column holds. */
  ref?: RegistryKind;
}

export const REGISTRY_KINDS = [
  'places',
  'place_aliases',
  'producers',
  'products',
  'ocop_certifications',
  'marks',
  'mark_links',
  'awards',
  'award_programmes',
  'gs1_prefixes',
  'ocop_stats',
  'ocop_rules',
  'ocop_categories',
  'issuers',
  'issuer_keys',
] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

type ColumnExtras = Partial<Omit<ColumnSpec, 'name' | 'type'>>;

// Literal names and types survive (`const` parameters), so typed-rows.ts derives each kind's row type from these specs.
const text = <const N extends string, const E extends ColumnExtras = Record<never, never>>(name: N, extra?: E): { name: N; type: 'text' } & E =>
  ({ name, type: 'text', ...extra }) as { name: N; type: 'text' } & E;
const column = <const N extends string, const T extends ColumnType, const E extends ColumnExtras = Record<never, never>>(name: N, type: T, extra?: E): { name: N; type: T } & E =>
  ({ name, type, ...extra }) as { name: N; type: T } & E;

const PROVENANCE = [text('source_url', { required: true }), text('source_document')] as const;

const COLUMNS = {
  places: [
    text('id', { required: true }),
    text('era', { required: true, oneOf: ['current', 'pre2025'] }),
    text('level', { required: true, oneOf: ['province', 'ward', 'commune', 'district', 'special_zone'] }),
    text('code', { required: true }),
    text('name', { required: true }),
    text('full_name', { required: true }),
    text('name_en'),
    text('unit_type'),
    text('parent_id', { ref: 'places' }),
    column('valid_from', 'date'),
    column('valid_until', 'date'),
    ...PROVENANCE,
  ],
  place_aliases: [
    text('id', { required: true }),
    text('old_place_id', { required: true, ref: 'places' }),
    text('new_place_id', { required: true, ref: 'places' }),
    text('merge_note'),
    ...PROVENANCE,
  ],
  producers: [
    text('id', { required: true }),
    text('name', { required: true }),
    text('type', { oneOf: ['company', 'cooperative', 'household'] }),
    text('province'),
    text('address'),
    text('place_id', { ref: 'places' }),
    text('notes'),
    ...PROVENANCE,
  ],
  products: [
    text('id', { required: true }),
    text('name', { required: true }),
    text('producer_id', { ref: 'producers' }),
    text('ocop_group'),
    text('ocop_group_basis', { oneOf: ['source', 'derived'] }),
    text('category'),
    text('province'),
    text('commune'),
    text('district_pre2025'),
    text('commune_pre2025'),
    text('old_place_id', { ref: 'places' }),
    text('place_id', { ref: 'places' }),
    column('aggregate_count', 'int'),
    column('is_aggregate', 'bool'),
    column('gtins', 'json_string_array'),
    text('where_to_buy'),
    text('notes'),
    ...PROVENANCE,
  ],
  ocop_certifications: [
    text('id', { required: true }),
    text('product_id', { required: true, ref: 'products' }),
    column('stars', 'int', { oneOf: ['3', '4', '5'] }),
    column('potential_five', 'bool'),
    text('rating_note'),
    text('decision_number'),
    column('decision_date', 'date'),
    text('year'),
    text('issuing_body'),
    column('valid_until', 'date'),
    text('notes'),
    ...PROVENANCE,
  ],
  marks: [
    text('id', { required: true }),
    text('name', { required: true }),
    text('kind', { required: true, oneOf: ['geographical_indication', 'collective', 'certification', 'trademark'] }),
    text('holder'),
    text('product'),
    text('region'),
    text('registration_no'),
    text('decision'),
    column('decision_date', 'date'),
    text('date_text'),
    text('status'),
    text('notes'),
    ...PROVENANCE,
  ],
  mark_links: [
    text('id', { required: true }),
    text('mark_id', { required: true, ref: 'marks' }),
    text('product_id', { ref: 'products' }),
    text('producer_id', { ref: 'producers' }),
    ...PROVENANCE,
  ],
  awards: [
    text('id', { required: true }),
    column('year', 'int', { required: true }),
    text('programme', { required: true }),
    text('rank'),
    text('enterprise', { required: true }),
    text('product_or_service'),
    text('product_id', { ref: 'products' }),
    text('notes'),
    ...PROVENANCE,
  ],
  award_programmes: [
    text('id', { required: true }),
    column('year', 'int', { required: true }),
    text('recognised_products'),
    text('enterprises'),
    text('applicants'),
    text('groups'),
    text('votes'),
    text('rank_breakdown'),
    text('ceremony'),
    text('notes'),
    ...PROVENANCE,
  ],
  gs1_prefixes: [
    text('id', { required: true }),
    text('prefix_start', { required: true }),
    text('prefix_end', { required: true }),
    column('prefix_digits', 'int', { required: true }),
    text('organisation', { required: true }),
    text('data_as_of'),
    ...PROVENANCE,
  ],
  ocop_stats: [
    text('id', { required: true }),
    text('scope', { required: true }),
    text('as_of'),
    text('total_3star_plus'),
    text('five_star'),
    text('potential_five_star'),
    text('four_star'),
    text('three_star'),
    text('other'),
    ...PROVENANCE,
  ],
  ocop_rules: [
    text('id', { required: true }),
    text('topic', { required: true }),
    text('fact', { required: true }),
    text('legal_basis'),
    text('confidence'),
    ...PROVENANCE,
  ],
  ocop_categories: [
    text('id', { required: true }),
    text('industry', { required: true }),
    text('group_name', { required: true }),
    text('product_set'),
    text('managing_ministry'),
    ...PROVENANCE,
  ],
  issuers: [
    text('id', { required: true }),
    text('name', { required: true }),
    text('kind', { required: true, oneOf: ['registry_operator', 'stamp_printer'] }),
    column('is_demo', 'bool'),
    ...PROVENANCE,
  ],
  issuer_keys: [
    text('id', { required: true }),
    text('issuer_id', { required: true, ref: 'issuers' }),
    text('algorithm', { required: true, oneOf: ['Ed25519'] }),
    text('public_key', { required: true }),
    text('status', { required: true, oneOf: ['active', 'retired', 'revoked'] }),
    text('created_at', { required: true }),
    text('retired_at'),
    text('revoked_at'),
    text('revoke_reason'),
    ...PROVENANCE,
  ],
} as const satisfies Record<RegistryKind, readonly ColumnSpec[]>;

/** The column specs as written, with their literal names and types (typed-rows.ts). */
export type KindColumns = typeof COLUMNS;

/** Columns of every kind, in file order; `id` first, provenance last. */
export const KIND_COLUMNS: Record<RegistryKind, readonly ColumnSpec[]> = COLUMNS;

/** The kind a file holds, from its name ("data/products.csv" → "products"), or null. */
export function kindFromFileName(fileName: string): RegistryKind | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.(csv|json)$/i, '').replace(/^\d+[-_]/, '');
  return (REGISTRY_KINDS as readonly string[]).includes(stem) ? (stem as RegistryKind) : null;
}

/** Kinds in an order where every referenced kind comes before the kinds that point to it. */
export function kindsInDependencyOrder(kinds: Iterable<RegistryKind>): RegistryKind[] {
  const wanted = new Set(kinds);
  return REGISTRY_KINDS.filter((k) => wanted.has(k));
}

/** A short deterministic hash (FNV-1a, base36) used to make natural keys unique. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}
