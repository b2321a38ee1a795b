import { isIsoDate } from '../../server/domain/ocop';
import { shortHash } from '../../server/domain/registry-kinds';
import { slugify } from '../../server/domain/vietnamese';
import type { Row } from './convert-places';
import { publicMarkCell, publicProgrammeCell, type ResearchNotes } from './public-text';
import { readSourceCsv, type SourceRow } from './read-source';

const MARK_KINDS: Record<string, string> = {
  'chỉ dẫn địa lý (GI)': 'geographical_indication',
  'nhãn hiệu tập thể': 'collective',
  'nhãn hiệu chứng nhận': 'certification',
  'nhãn hiệu': 'trademark',
};

export const markId = (name: string) => `mk-${slugify(name)}`;

/** Protected marks (geographical indications, collective marks). */
export function convertMarks(dir: string, research: ResearchNotes): Row[] {
  return readSourceCsv(dir, 'marks.csv').map((r) => {
    const id = markId(r.get('mark_name'));
    const kind = MARK_KINDS[r.get('mark_type')];
    if (!kind) throw new Error(`${r.where}: unknown mark_type ${r.get('mark_type')}`);
    const date = r.get('date');
    return {
      id,
      name: r.get('mark_name'),
      kind,
      holder: r.get('holder_or_manager'),
      product: r.get('product'),
      region: publicMarkCell(r.get('area')),
      registration_no: r.get('registration_no'),
      decision: publicMarkCell(r.get('decision')),
      decision_date: isIsoDate(date) ? date : '',
      date_text: publicMarkCell(date),
      status: publicMarkCell(r.get('status')),
      notes: research.keep('marks', id, r.get('notes'), r.where),
      source_url: r.get('source_url'),
      source_document: r.where,
    };
  });
}

/** HVNCL ("Hàng Việt Nam được người tiêu dùng yêu thích") winners and yearly figures. */
export function convertAwards(dir: string, research: ResearchNotes): { awards: Row[]; programmes: Row[] } {
  const awardId = (r: SourceRow) => `aw-${r.get('year')}-${slugify(r.get('enterprise'))}-${shortHash(r.get('product_or_service'))}`;
  const awards = readSourceCsv(dir, 'hvncl_winners.csv').map((r) => ({
    id: awardId(r),
    year: r.get('year'),
    programme: 'HVNCL',
    rank: r.get('rank'),
    enterprise: r.get('enterprise'),
    product_or_service: r.get('product_or_service'),
    product_id: '',
    notes: research.keep('awards', awardId(r), r.get('notes'), r.where),
    source_url: r.get('source_url'),
    source_document: r.where,
  }));
  const programmes = readSourceCsv(dir, 'hvncl_program_years.csv').map((r) => ({
    id: `HVNCL-${r.get('year')}`,
    year: r.get('year'),
    recognised_products: publicProgrammeCell(r.get('recognised_products')),
    enterprises: publicProgrammeCell(r.get('enterprises')),
    applicants: publicProgrammeCell(r.get('applicants')),
    groups: publicProgrammeCell(r.get('groups')),
    votes: publicProgrammeCell(r.get('votes')),
    rank_breakdown: publicProgrammeCell(r.get('rank_breakdown')),
    ceremony: publicProgrammeCell(r.get('ceremony')),
    notes: research.keep('award_programmes', `HVNCL-${r.get('year')}`, r.get('notes'), r.where),
    source_url: r.get('source_url'),
    source_document: r.where,
  }));
  return { awards, programmes };
}

/** GS1 company-prefix ranges → member organisation. */
export function convertGs1(dir: string): Row[] {
  return readSourceCsv(dir, 'gs1_prefixes.csv').map((r) => ({
    id: `${r.get('prefix_start')}-${r.get('prefix_end')}`,
    prefix_start: r.get('prefix_start'),
    prefix_end: r.get('prefix_end'),
    prefix_digits: r.get('prefix_digits'),
    organisation: r.get('usage_or_member_organisation'),
    data_as_of: r.get('data_as_of'),
    source_url: r.get('source_url'),
    source_document: `${r.where}; ${r.get('original_source')}`,
  }));
}

/** OCOP statistics, programme rules and product categories. */
export function convertOcopReference(dir: string): { stats: Row[]; rules: Row[]; categories: Row[] } {
  const stats = readSourceCsv(dir, 'ocop_stats.csv').map((r) => ({
    id: `st-${slugify(r.get('scope')).slice(0, 40)}-${shortHash(r.get('scope') + '|' + r.get('as_of'))}`,
    scope: r.get('scope'),
    as_of: r.get('as_of'),
    total_3star_plus: r.get('total_3star_plus'),
    five_star: r.get('five_star'),
    potential_five_star: r.get('potential_five_star'),
    four_star: r.get('four_star'),
    three_star: r.get('three_star'),
    other: r.get('other'),
    source_url: r.get('source_url'),
    source_document: r.where,
  }));
  const rules = readSourceCsv(dir, 'ocop_rules.csv').map((r) => ({
    id: `ru-${slugify(r.get('topic'))}`,
    topic: r.get('topic'),
    fact: r.get('fact'),
    legal_basis: r.get('legal_basis'),
    confidence: r.get('confidence'),
    source_url: r.get('source_url'),
    source_document: r.where,
  }));
  const categories = readSourceCsv(dir, 'ocop_categories.csv').map((r) => ({
    id: `cat-${r.get('no').padStart(2, '0')}`,
    industry: r.get('industry'),
    group_name: r.get('group'),
    product_set: r.get('subgroup_or_set'),
    managing_ministry: r.get('managing_ministry'),
    source_url: r.get('source_url'),
    source_document: r.where,
  }));
  return { stats, rules, categories };
}
