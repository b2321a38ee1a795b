// Who stands behind a mark (shared/data/registry/mark_producers.csv): an applicant that a
// Hanoi decision let use a place name to register the mark, the body managing a geographical
// indication, or the registered owner. None of these says which producers may use the mark,
// so the public note says what the source says and nothing more; no mark link is made (the
// app says on the mark that no source names its producers).
import type { Row } from './convert-places';
import { markId } from './convert-others';
import type { ResearchNotes } from './public-text';
import { readSourceCsv } from './read-source';

const RELATIONSHIPS = new Set(['applicant', 'gi_manager', 'registered_owner']);

/** "QĐ 2221/QĐ-UBND …" → "2221/QĐ-UBND", or ''. */
const decisionOf = (notes: string) => /(\d+\/QĐ-UBND)/.exec(notes)?.[1] ?? '';

/**
 * The Vietnamese sentence a shopper reads about a mark's applicant, manager or owner;
 * `grantKnown` when another source (marks.csv) already says the mark was granted.
 */
export function markPartyNote(relationship: string, party: string, decision: string, grantKnown = false): string {
  if (relationship === 'applicant') {
    const by = decision ? `Quyết định ${decision} của UBND TP Hà Nội` : 'UBND TP Hà Nội';
    const permitted = `${by} cho phép ${party} dùng địa danh để đăng ký nhãn hiệu này (đơn vị xin đăng ký, không phải danh sách cơ sở được dùng nhãn).`;
    return grantKnown ? permitted : `${permitted} Nguồn không xác nhận nhãn hiệu đã được cấp văn bằng.`;
  }
  if (relationship === 'gi_manager') return `Tổ chức quản lý chỉ dẫn địa lý: ${party}.`;
  return `Chủ sở hữu nhãn hiệu: ${party}.`;
}

/**
 * Fold mark_producers.csv into the marks: a public Vietnamese note on each mark it names,
 * and a new mark record (status "place_name_permitted") for each Hanoi mark marks.csv lacks.
 */
export function applyMarkProducers(dir: string, marks: Row[], research: ResearchNotes): void {
  const byId = new Map(marks.map((m) => [String(m.id), m]));
  for (const r of readSourceCsv(dir, 'mark_producers.csv')) {
    const relationship = r.get('relationship');
    if (!RELATIONSHIPS.has(relationship)) throw new Error(`${r.where}: unknown relationship ${relationship}`);
    const notes = r.get('notes');
    const id = markId(r.get('mark_name'));
    let mark = byId.get(id);
    if (!mark) {
      if (!/not in marks\.csv/.test(notes)) throw new Error(`${r.where}: mark ${r.get('mark_name')} not found in marks.csv`);
      mark = {
        id,
        name: r.get('mark_name'),
        kind: /certification mark|nhãn hiệu chứng nhận/i.test(notes) ? 'certification' : 'collective',
        holder: '',
        product: r.get('product_name'),
        region: '',
        registration_no: '',
        decision: decisionOf(notes),
        decision_date: '',
        date_text: '',
        status: 'place_name_permitted',
        notes: '',
        source_url: r.get('source_url'),
        source_document: r.where,
      };
      marks.push(mark);
      byId.set(id, mark);
    } else {
      mark.source_document = `${String(mark.source_document)}; ${r.where}`;
    }
    const note = markPartyNote(relationship, r.get('producer'), decisionOf(notes), mark.status === 'granted');
    mark.notes = mark.notes ? `${String(mark.notes)} ${note}` : note;
    research.keep('mark_producers', id, notes, r.where);
  }
}
