// What a phone downloads before the first screen (the entry chunk, its static imports and
// CSS) and what the scanner adds when the camera is turned on, from Vite's build manifest.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

export interface SizeLine {
  label: string;
  files: string[];
  raw: number;
  gzip: number;
}

function sizeOf(dist: string, files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const path = join(dist, f);
    const body = readFileSync(path);
    raw += body.length;
    gzip += existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Sizes of the initial JS, initial CSS, the scanner chunk(s) and the zxing .wasm. */
export function measureWebSizes(dist: string): SizeLine[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const closure = (keys: string[], seen = new Set<string>()): Set<string> => {
    for (const k of keys) {
      if (seen.has(k)) continue;
      seen.add(k);
      closure(manifest[k]?.imports ?? [], seen);
    }
    return seen;
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('no entry chunk in the build manifest');
  const initial = closure([entryKey]);
  const initialJs = [...initial].map((k) => manifest[k]!.file);
  const initialCss = [...initial].flatMap((k) => manifest[k]!.css ?? []);
  const scannerKey = Object.keys(manifest).find((k) => k.endsWith('scanner/camera-scanner.ts'));
  const scanner = scannerKey ? [...closure([scannerKey])].filter((k) => !initial.has(k)) : [];
  const scannerJs = scanner.map((k) => manifest[k]!.file);
  // Workers and the .wasm are assets of the scanner chunks (or emitted beside them).
  const assets = [...new Set(scanner.flatMap((k) => manifest[k]!.assets ?? []))];
  const wasm = assets.filter((f) => f.endsWith('.wasm'));
  const workers = assets.filter((f) => f.endsWith('.js'));
  const all = Object.values(manifest).flatMap((c) => [c.file, ...(c.assets ?? [])]);
  const wasmAll = wasm.length ? wasm : [...new Set(all.filter((f) => f.endsWith('.wasm')))];
  const line = (label: string, files: string[]): SizeLine => ({ label, files, ...sizeOf(dist, files) });
  return [
    line('initial JS (entry + static imports)', initialJs),
    line('initial CSS', initialCss),
    line('scanner chunk(s) (JS, loaded when the camera starts)', [...scannerJs, ...workers]),
    line('zxing-wasm reader .wasm (only without BarcodeDetector)', wasmAll),
  ];
}
