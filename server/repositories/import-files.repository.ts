import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ImportSource } from '../services/import/import.service';

/** Read every .csv/.json file named by the paths (directories are read one level deep, sorted). */
export function readImportSources(paths: string[], cwd: string = process.cwd()): ImportSource[] {
  const files: string[] = [];
  for (const p of paths) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) throw new Error(`no such file or directory: ${p}`);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (/\.(csv|json)$/i.test(name)) files.push(join(p, name));
    } else files.push(p);
  }
  return files.map((f) => ({ file: relative(cwd, f) || f, text: readFileSync(f, 'utf8') }));
}
