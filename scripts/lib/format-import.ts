import type { ImportPlan, ImportSummary } from '../../server/services/import/import.service';

/** Human-readable lines for every validation issue: file:line column: message. */
export function formatIssues(plan: ImportPlan): string[] {
  return plan.issues.map((i) => `${i.file}:${i.line}${i.column ? ` [${i.column}]` : ''}: ${i.message}`);
}

/** The dry-run diff: per kind counts, then the ids added, changed (with fields) and removed. */
export function formatDiff(plan: ImportPlan, detailLimit = 20): string[] {
  const out: string[] = [];
  out.push(`${'kind'.padEnd(20)} ${'added'.padStart(7)} ${'changed'.padStart(7)} ${'unchanged'.padStart(9)} ${'removed'.padStart(7)}`);
  for (const d of plan.diffs) {
    out.push(`${d.kind.padEnd(20)} ${String(d.added.length).padStart(7)} ${String(d.changed.length).padStart(7)} ${String(d.unchanged).padStart(9)} ${String(d.removed.length).padStart(7)}`);
  }
  for (const d of plan.diffs) {
    for (const id of d.added.slice(0, detailLimit)) out.push(`  + ${d.kind} ${id}`);
    if (d.added.length > detailLimit) out.push(`  + … ${d.added.length - detailLimit} more ${d.kind}`);
    for (const c of d.changed.slice(0, detailLimit)) {
      out.push(`  ~ ${d.kind} ${c.id}: ${c.fields.map((f) => `${f.column} ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`).join('; ')}`);
    }
    if (d.changed.length > detailLimit) out.push(`  ~ … ${d.changed.length - detailLimit} more ${d.kind}`);
    for (const id of d.removed.slice(0, detailLimit)) out.push(`  - ${d.kind} ${id}${plan.prune ? '' : ' (not in file; kept — use --prune to delete)'}`);
    if (d.removed.length > detailLimit) out.push(`  - … ${d.removed.length - detailLimit} more ${d.kind}`);
  }
  return out;
}

/** The one-line summary printed at the end of an applied import. */
export function formatSummary(s: ImportSummary, ms: number): string {
  return `Imported: ${s.added} added, ${s.changed} changed, ${s.unchanged} unchanged, ${s.removed} removed; change log ${s.fromVersion} → ${s.toVersion} (${s.toVersion - s.fromVersion} new entries) in ${ms} ms`;
}
