// npm run bench:decode -- <folder>...
//
// How well the app's own decoding reads hard pictures, in Node on the same pixels, in one
// run: a single zxing-wasm call (its defaults), the app's photo path (web/scanner/
// still-decode.ts) and its live-frame path (planFrameCrop + the 'frame' look, two
// consecutive frames), each per set as correct / wrong / missed and median / p95 ms
// (per frame for the frame path). A picture's expected text is in "<name>.txt" beside
// it; pictures in a "falsepositives" set or named "no-code…" must read as nothing (any
// read is "wrong"); other unlabelled pictures (structured-append parts) are skipped.
//
// A folder holding pictures is one set; a folder of such folders is one set per folder.
// Always measured: the generated hard pictures committed in tests/fixtures/decode-bench/
// (npm run bench:decode -- --generate rewrites them). The public sets are not committed;
// export them from these pinned commits (only the pictures and their .txt files):
//
//   zxing/zxing      7f129804e396958ae762da288da5df330d142da0
//                    core/src/test/resources/blackbox/qrcode-{1..6}, ean13-{1..5}
//   zxing-cpp/zxing-cpp 77dceca0687d46914b13f007447f5b354b078dd8
//                    test/samples/qrcode-{1..7}, ean13-{1..4}, datamatrix-{1..5},
//                    falsepositives-{1,2}   (test/samples is export-ignore'd: use
//                    git ls-tree + git cat-file rather than git archive)
//
//   e.g. npm run bench:decode -- /tmp/zx/core/src/test/resources/blackbox /tmp/zx/test/samples
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, join, resolve } from 'node:path';
import { readBarcodes, prepareZXingModule, type ReaderOptions } from 'zxing-wasm/reader';
import { ALL_CODE_FORMATS, type DecodedCode } from '../../web/scanner/code-format';
import { planFrameLook } from '../../web/scanner/frame-capture';
import { decodeStill } from '../../web/scanner/still-decode';
import { configureZXing, readCodesWithZXing } from '../../web/scanner/zxing-engine';
import { GENERATED_DIR, writeGeneratedSet } from './decode/generated-set';
import { asImageData, grab, openImage, type Pixels } from './decode/pixels';

const IMAGE = /\.(png|jpe?g|webp|gif)$/i;
const CODE_FREE = /falsepositive|no-code/i;
const SINGLE_CALL: ReaderOptions = { formats: ['QRCode', 'DataMatrix', 'EAN13', 'EAN8', 'UPCA', 'UPCE'], textMode: 'Plain' };

interface Tally {
  correct: number;
  wrong: number;
  missed: number;
  ms: number[];
  /** CPU time of this process per call: steadier than wall time on a shared machine. */
  cpuMs: number[];
}
type PathName = 'single' | 'photo' | 'frame';
const PATHS: PathName[] = ['single', 'photo', 'frame'];

function wasmBinary(): ArrayBuffer {
  const bytes = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Sets under the given folders: a folder with pictures, or each subfolder with pictures. */
function findSets(folders: string[]): { name: string; dir: string }[] {
  const sets: { name: string; dir: string }[] = [];
  for (const folder of folders.map((f) => resolve(f))) {
    if (!existsSync(folder)) throw new Error(`no folder ${folder}`);
    const entries = readdirSync(folder).sort();
    if (entries.some((e) => IMAGE.test(e))) sets.push({ name: basename(folder), dir: folder });
    for (const e of entries) {
      const dir = join(folder, e);
      if (statSync(dir).isDirectory() && readdirSync(dir).some((f) => IMAGE.test(f))) sets.push({ name: `${basename(folder)}/${e}`, dir });
    }
  }
  return sets;
}

/** Equal as the app would use them: GS1 marker dropped, UPC-A read as its EAN-13, trailing newlines ignored. */
function matches(read: string, expected: string): boolean {
  const a = read.replace(/^\][A-Za-z][0-9]/, '').replace(/\s+$/, '');
  const b = expected.replace(/\s+$/, '');
  return a === b || (/^[0-9]{12}$/.test(a) && b === `0${a}`);
}

function score(tally: Tally, texts: string[], expected: string | null): void {
  if (texts.length === 0) {
    if (expected === null) tally.correct++;
    else tally.missed++;
  } else if (expected !== null && texts.some((t) => matches(t, expected))) tally.correct++;
  else tally.wrong++;
}

async function timed<T>(tally: Tally, run: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  tally.ms.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  tally.cpuMs.push((used.user + used.system) / 1000);
  return result;
}

async function measure(pixels: Pixels, expected: string | null, tallies: Record<PathName, Tally>): Promise<void> {
  const single = await timed(tallies.single, () => readBarcodes(asImageData(pixels), SINGLE_CALL));
  score(tallies.single, single.filter((r) => r.isValid).map((r) => r.text), expected);

  const source = { width: pixels.width, height: pixels.height, grab: (plan: Parameters<typeof grab>[1]) => grab(pixels, plan) };
  const photo = await timed(tallies.photo, () => decodeStill(source, (image, effort) => readCodesWithZXing(image, ALL_CODE_FORMATS, effort)));
  score(tallies.photo, photo.map((c) => c.text), expected);

  // Two consecutive live frames of the same view: the first code read counts.
  let frame: DecodedCode[] = [];
  for (let i = 0; i < 2 && frame.length === 0; i++) {
    const look = planFrameLook(pixels.width, pixels.height, i);
    const image = grab(pixels, look.plan);
    frame = await timed(tallies.frame, () => readCodesWithZXing(image, ALL_CODE_FORMATS, look.effort));
  }
  score(tallies.frame, frame.map((c) => c.text), expected);
}

const quantile = (ms: number[], q: number) => {
  if (!ms.length) return 0;
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const cell = (t: Tally) => `${t.correct}/${t.wrong}/${t.missed} ${quantile(t.ms, 0.5).toFixed(0)}/${quantile(t.ms, 0.95).toFixed(0)} (${quantile(t.cpuMs, 0.5).toFixed(0)}/${quantile(t.cpuMs, 0.95).toFixed(0)})`.padEnd(COLUMN);
const tally = (): Tally => ({ correct: 0, wrong: 0, missed: 0, ms: [], cpuMs: [] });
const empty = (): Record<PathName, Tally> => ({ single: tally(), photo: tally(), frame: tally() });
const COLUMN = 30;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--generate')) {
    console.log(`wrote ${await writeGeneratedSet()} pictures to ${GENERATED_DIR}`);
    return;
  }
  configureZXing({ wasmBinary: wasmBinary() });
  prepareZXingModule({ overrides: { wasmBinary: wasmBinary() } });
  const sets = findSets([GENERATED_DIR, ...args]);
  console.log('per path: correct/wrong/missed  wall median/p95 ms (CPU median/p95 ms); frame path: per frame, two frames at most\n');
  console.log(`${'set'.padEnd(44)}${'n'.padStart(4)}  ${'single zxing call'.padEnd(COLUMN)}${'photo path'.padEnd(COLUMN)}${'frame path'.padEnd(COLUMN)}`);
  const total = empty();
  let n = 0;
  for (const set of sets) {
    const tallies = empty();
    const files = readdirSync(set.dir).filter((f) => IMAGE.test(f)).sort();
    for (const file of files) {
      const label = join(set.dir, `${basename(file, extname(file))}.txt`);
      const expected = existsSync(label) ? readFileSync(label, 'utf8') : null;
      // Unlabelled pictures are code-free only where the set says so (structured-append parts are not).
      if (expected === null && !CODE_FREE.test(set.name) && !CODE_FREE.test(file)) continue;
      let pixels: Pixels;
      try {
        pixels = await openImage(join(set.dir, file));
      } catch {
        continue;
      }
      await measure(pixels, expected, tallies);
      n++;
    }
    console.log(`${set.name.padEnd(44)}${String(tallies.single.correct + tallies.single.wrong + tallies.single.missed).padStart(4)}  ${PATHS.map((p) => cell(tallies[p])).join('')}`);
    for (const p of PATHS) {
      total[p].correct += tallies[p].correct;
      total[p].wrong += tallies[p].wrong;
      total[p].missed += tallies[p].missed;
      total[p].ms.push(...tallies[p].ms);
      total[p].cpuMs.push(...tallies[p].cpuMs);
    }
  }
  console.log(`${'all'.padEnd(44)}${String(n).padStart(4)}  ${PATHS.map((p) => cell(total[p])).join('')}`);
}

await main();
