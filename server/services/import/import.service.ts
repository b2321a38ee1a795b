import { KIND_COLUMNS, kindsInDependencyOrder, type RegistryKind } from '../../domain/registry-kinds';
import type { RegistryRepository } from '../../repositories/registry.repository';
import { normaliseRecord, type StoredRecord } from './normalise-record';
import { readImportFile, type ImportIssue } from './read-import-file';

export interface ImportSource {
  file: string;
  text: string;
}

export interface FieldChange {
  column: string;
  before: string | number | null;
  after: string | number | null;
}

export interface KindDiff {
  kind: RegistryKind;
  files: string[];
  added: string[];
  changed: { id: string; fields: FieldChange[] }[];
  unchanged: number;
  /** In the database but not in the file(s): deleted only when pruning. */
  removed: string[];
}

export interface ImportPlan {
  ok: boolean;
  issues: ImportIssue[];
  diffs: KindDiff[];
  prune: boolean;
  /** Records to write, by kind, in dependency order. */
  writes: { kind: RegistryKind; record: StoredRecord }[];
  deletes: { kind: RegistryKind; id: string }[];
}

export interface ImportSummary {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  fromVersion: number;
  toVersion: number;
}

/** Read, validate and diff import files against the registry, changing nothing. */
export function planImport(sources: ImportSource[], repo: RegistryRepository, options: { prune?: boolean } = {}): ImportPlan {
  const prune = options.prune ?? false;
  const issues: ImportIssue[] = [];
  const byKind = new Map<RegistryKind, { file: string; line: number; record: StoredRecord }[]>();
  const filesByKind = new Map<RegistryKind, string[]>();

  for (const source of sources) {
    const read = readImportFile(source.file, source.text);
    if (!read.ok) {
      issues.push(...read.issues);
      continue;
    }
    const { kind, records, file } = read.value;
    filesByKind.set(kind, [...(filesByKind.get(kind) ?? []), file]);
    const list = byKind.get(kind) ?? [];
    for (const raw of records) {
      const { record, issues: rowIssues } = normaliseRecord(kind, file, raw);
      issues.push(...rowIssues);
      if (record) list.push({ file, line: raw.line, record });
    }
    byKind.set(kind, list);
  }

  // Duplicate keys within the import.
  for (const [kind, list] of byKind) {
    const seen = new Map<string, { file: string; line: number }>();
    for (const { file, line, record } of list) {
      const id = String(record.id);
      const first = seen.get(id);
      if (first) issues.push({ file, line, column: 'id', message: `${kind} id "${id}" already appears at ${first.file}:${first.line}` });
      else seen.set(id, { file, line });
    }
  }

  const kinds = kindsInDependencyOrder(byKind.keys());
  const existingByKind = new Map(kinds.map((k) => [k, repo.allRecords(k)]));
  const incomingIds = new Map(kinds.map((k) => [k, new Set(byKind.get(k)!.map((r) => String(r.record.id)))]));

  // References must resolve to a record in the import or (unless pruned away) in the registry.
  const idsCache = new Map<RegistryKind, Set<string>>();
  const knownIds = (kind: RegistryKind): Set<string> => {
    let ids = idsCache.get(kind);
    if (!ids) {
      const incoming = incomingIds.get(kind);
      const stored = existingByKind.get(kind) ? new Set(existingByKind.get(kind)!.keys()) : repo.idsOf(kind);
      ids = prune && incoming ? incoming : new Set([...stored, ...(incoming ?? [])]);
      idsCache.set(kind, ids);
    }
    return ids;
  };
  for (const kind of kinds) {
    for (const { file, line, record } of byKind.get(kind)!) {
      for (const col of KIND_COLUMNS[kind]) {
        const value = record[col.name];
        if (col.ref && typeof value === 'string' && !knownIds(col.ref).has(value)) {
          issues.push({ file, line, column: col.name, message: `points to ${col.ref} "${value}", which is neither in the registry nor in this import` });
        }
      }
    }
  }

  const diffs: KindDiff[] = [];
  const writes: ImportPlan['writes'] = [];
  const deletes: ImportPlan['deletes'] = [];
  for (const kind of kinds) {
    const existing = existingByKind.get(kind)!;
    const diff: KindDiff = { kind, files: filesByKind.get(kind) ?? [], added: [], changed: [], unchanged: 0, removed: [] };
    for (const { record } of byKind.get(kind)!) {
      const id = String(record.id);
      const before = existing.get(id);
      if (!before) {
        diff.added.push(id);
        writes.push({ kind, record });
        continue;
      }
      const fields = KIND_COLUMNS[kind]
        .map((c) => ({ column: c.name, before: before[c.name] ?? null, after: record[c.name] ?? null }))
        .filter((f) => f.before !== f.after);
      if (fields.length) {
        diff.changed.push({ id, fields });
        writes.push({ kind, record });
      } else diff.unchanged++;
    }
    const incoming = incomingIds.get(kind)!;
    for (const id of existing.keys()) if (!incoming.has(id)) diff.removed.push(id);
    if (prune) for (const id of diff.removed) deletes.push({ kind, id });
    diffs.push(diff);
  }
  return { ok: issues.length === 0, issues, diffs, prune, writes, deletes: deletes.reverse() };
}

/**
 * Apply a valid plan in one transaction: upserts and (when pruning) deletes, each real
 * change appended to the change log. Re-applying the same files changes nothing.
 */
export function applyImport(
  plan: ImportPlan,
  repo: RegistryRepository,
  now: () => Date,
  onProgress?: (done: number, total: number) => void,
): ImportSummary {
  if (!plan.ok) throw new Error('refusing to apply an import plan that has validation issues');
  const fromVersion = repo.currentVersion();
  const total = plan.writes.length + plan.deletes.length;
  const at = now().toISOString();
  repo.transaction(() => {
    let done = 0;
    const tick = () => {
      done++;
      if (onProgress && (done % 500 === 0 || done === total)) onProgress(done, total);
    };
    for (const { kind, record } of plan.writes) {
      repo.upsert(kind, record, at);
      repo.appendChange(kind, String(record.id), record, at);
      tick();
    }
    for (const { kind, id } of plan.deletes) {
      repo.remove(kind, id);
      repo.appendChange(kind, id, null, at);
      tick();
    }
  });
  const count = (f: (d: KindDiff) => number) => plan.diffs.reduce((n, d) => n + f(d), 0);
  return {
    added: count((d) => d.added.length),
    changed: count((d) => d.changed.length),
    unchanged: count((d) => d.unchanged),
    removed: plan.prune ? count((d) => d.removed.length) : 0,
    fromVersion,
    toVersion: repo.currentVersion(),
  };
}
