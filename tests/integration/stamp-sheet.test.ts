import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeStampUrl, generateSerial, qrVersionForAlphanumeric } from '../../server/domain/stamp-codec';
import { renderStampSheetPdf, writeStampSheetPdf } from '../../server/repositories/stamp-sheet/render-sheet-pdf';
import { renderStampSheetSvg } from '../../server/repositories/stamp-sheet/render-sheet-svg';
import { encodeStampQr } from '../../server/repositories/stamp-sheet/stamp-qr';
import type { StampSheet } from '../../server/repositories/stamp-sheet/stamp-sheet.types';

// An 8-character kid on the production host gives the longest stamp URL we issue: 152 chars.
const BASE_URL = 'https://nguonviet.vn';
const KID = 'NGUYEN26';
const PRODUCT = 'Mật ong hoa cà phê <Đắk Lắk> & "Tây Nguyên"';

function makeSheet(count: number, overrides: Partial<StampSheet> = {}): StampSheet {
  const stamps = Array.from({ length: count }, (_, i) => {
    const serial = generateSerial((n) => randomBytes(n));
    const url = encodeStampUrl(BASE_URL, { kid: KID, serial, signature: randomBytes(64) });
    return { serial, url, pin: String(300000 + i) };
  });
  return {
    batchId: 'LO-2026-0042',
    productName: PRODUCT,
    producerName: 'HTX Nông nghiệp Ea Kar',
    issuedAt: '2026-11-24T20:00:00Z',
    demo: true,
    includePins: true,
    stamps,
    ...overrides,
  };
}

const groupSerial = (serial: string) => serial.match(/.{4}/g)!.join('-');

describe('stamp QR encoding', () => {
  it('encodes a 152-character stamp URL in alphanumeric mode at ECC M within version 7', () => {
    const [stamp] = makeSheet(1).stamps;
    expect(stamp!.url).toHaveLength(152);
    const qr = encodeStampQr(stamp!.url);
    expect(qr.version).toBe(qrVersionForAlphanumeric(152, 'M'));
    expect(qr.version).toBeLessThanOrEqual(7);
    expect(qr.size).toBe(17 + 4 * qr.version);
    expect(qr.modules).toHaveLength(qr.size);
    // Read back from the modules themselves, not from the library's bookkeeping.
    expect(readQrHeader(qr.modules)).toMatchObject({ ecc: 'M', mode: 'alphanumeric', count: 152 });
  });

  it('has a header reader that tells byte mode and other ECC levels apart (checks the checker)', () => {
    const url = makeSheet(1).stamps[0]!.url;
    const qr = QRCode.create([{ data: Buffer.from(url), mode: 'byte' }], { errorCorrectionLevel: 'L' });
    const modules = Array.from({ length: qr.modules.size }, (_, r) => Array.from({ length: qr.modules.size }, (_, c) => qr.modules.get(r, c) === 1));
    expect(readQrHeader(modules)).toMatchObject({ ecc: 'L', mode: 'byte' });
  });

  it('rejects URLs that would leave alphanumeric mode or outgrow version 7', () => {
    expect(() => encodeStampQr('https://nguonviet.vn/s/k1/abc')).toThrow(/alphanumeric/);
    expect(() => encodeStampQr(`HTTPS://NGUONVIET.VN/${'A'.repeat(200)}`)).toThrow(/needs QR version 8; stamps print at version 7 or below/);
  });
});

describe('SVG stamp sheet', () => {
  const sheet = makeSheet(60);
  const pages = renderStampSheetSvg(sheet);

  it('lays 60 stamps on two well-formed A4 pages, one QR path per stamp', () => {
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(findXmlProblems(page)).toEqual([]);
      expect(page).toContain('viewBox="0 0 210 297"');
    }
    expect(pages.map((p) => p.match(/<path class="qr"/g)?.length ?? 0)).toEqual([56, 4]);
    expect(pages.map((p) => p.match(/<path /g)?.length)).toEqual([56 + 2, 4 + 2]); // plus the header rule and the cut guides
  });

  it('prints every serial grouped in fours on its own page', () => {
    sheet.stamps.forEach((stamp, i) => expect(pages[i < 56 ? 0 : 1]).toContain(`>${groupSerial(stamp.serial)}</text>`));
    expect(pages[1]).not.toContain(groupSerial(sheet.stamps[0]!.serial));
  });

  it('keeps the Vietnamese header intact and escapes the product name', () => {
    const [first, second] = pages as [string, string];
    expect(first).toContain('Tem chống giả — Nguồn Việt');
    expect(first).toContain('MẪU THỬ — DEMO');
    expect(first).toContain('Trang 1/2');
    expect(second).toContain('Trang 2/2');
    expect(first).toContain('Sản phẩm: Mật ong hoa cà phê &lt;Đắk Lắk&gt; &amp; &quot;Tây Nguyên&quot;');
    expect(first).toContain('Cơ sở sản xuất: HTX Nông nghiệp Ea Kar');
    expect(first).toContain('Lô: LO-2026-0042 · Phát hành: 25/11/2026 · Tem 1–56/60');
    expect(first).not.toContain('<Đắk');
    expect(first).toContain('Cào để lấy mã PIN');
    expect(first).toContain('>300000</text>');
  });

  it('leaves out the demo label, the producer line and the PINs when not asked for', () => {
    const [page] = renderStampSheetSvg({ ...sheet, demo: false, includePins: false, producerName: null });
    expect(page).not.toContain('MẪU THỬ');
    expect(page).not.toContain('Cơ sở sản xuất');
    expect(page).not.toContain('Cào để lấy mã PIN');
    expect(page).not.toContain('300000');
  });

  it('draws exactly the encoder’s modules, with at least a 4-module quiet zone inside the cell', () => {
    const stamp = sheet.stamps[0]!;
    const qr = encodeStampQr(stamp.url);
    const drawn = parseQrPaths(pages[0]!)[0]!;
    expect(readPathModules(drawn.d, qr.size)).toEqual(qr.modules);
    expect(readQrHeader(readPathModules(drawn.d, qr.size))).toMatchObject({ ecc: 'M', mode: 'alphanumeric', count: stamp.url.length });

    const cell = { x: 17.5, y: 31, width: 25 }; // first cell of the cut guides
    const quiet = 4 * drawn.scale;
    expect(pages[0]).toContain(`M${cell.x} ${cell.y}h25v32h-25z`);
    expect(drawn.x - cell.x).toBeGreaterThanOrEqual(quiet);
    expect(drawn.y - cell.y).toBeGreaterThanOrEqual(quiet);
    expect(cell.x + cell.width - (drawn.x + qr.size * drawn.scale)).toBeGreaterThanOrEqual(quiet);
    const serialTop = Number(/<text x="[\d.]+" y="([\d.]+)">/.exec(pages[0]!)![1]) - 2; // baseline minus the 2 mm font size
    expect(serialTop - (drawn.y + qr.size * drawn.scale)).toBeGreaterThanOrEqual(quiet);
  });
});

describe('PDF stamp sheet', () => {
  it('renders a PDF with the DejaVu font embedded and one page per 56 stamps', async () => {
    const pdf = await renderStampSheetPdf(makeSheet(60));
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain('/FontFile2');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(text).not.toContain('/Helvetica');
    expect(text.match(/\/Type \/Page(?!s)/g)).toHaveLength(2);
  });

  it('streams the same document into a writable, page by page', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await writeStampSheetPdf(makeSheet(60, { includePins: false }), sink);
    const text = Buffer.concat(chunks).toString('latin1');
    expect(chunks.length).toBeGreaterThan(2);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page(?!s)/g)).toHaveLength(2);
  });

  it('cuts an over-long product name to fit the header line', () => {
    const [page] = renderStampSheetSvg(makeSheet(1, { productName: `HỢP TÁC XÃ ${'MẬT ONG '.repeat(30)}` }));
    const line = /<text[^>]*>(Sản phẩm: [^<]*)<\/text>/.exec(page!)![1]!;
    expect(line.endsWith('…')).toBe(true);
    expect(Array.from(line).length).toBeLessThanOrEqual(90);
  });

  it('still produces one page with its header for an empty batch', async () => {
    const pdf = await renderStampSheetPdf(makeSheet(0, { demo: false, includePins: false }));
    expect(pdf.toString('latin1').match(/\/Type \/Page(?!s)/g)).toHaveLength(1);
  });

  it('fails with a clear error rather than printing a code that would not scan', async () => {
    const sheet = makeSheet(2);
    sheet.stamps[1]!.url = sheet.stamps[1]!.url.toLowerCase();
    await expect(renderStampSheetPdf(sheet)).rejects.toThrow(/alphanumeric/);
  });
});

// --- helpers: a minimal reader for what the sheets contain ---------------------------

/** Every problem that would make `xml` ill-formed, for the subset of XML the renderer writes. */
function findXmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const entity = '&(?:amp|lt|gt|quot|apos);';
  const tag = new RegExp(`^<(/?)([a-z]+)((?:\\s+[A-Za-z:-]+="(?:[^"<&]|${entity})*")*)\\s*(/?)>$`);
  let roots = 0;
  for (const token of body.split(/(<[^>]*>)/)) {
    if (!token.startsWith('<')) {
      if (new RegExp(`[<>]|&(?!(?:amp|lt|gt|quot|apos);)`).test(token)) problems.push(`bad text: ${token.slice(0, 60)}`);
      if (stack.length === 0 && token.trim()) problems.push(`text outside the root: ${token.slice(0, 60)}`);
      continue;
    }
    const m = tag.exec(token);
    if (!m) {
      problems.push(`bad tag: ${token.slice(0, 60)}`);
    } else if (m[1]) {
      if (stack.pop() !== m[2]) problems.push(`mismatched </${m[2]}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!m[4]) stack.push(m[2]!);
    }
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** The QR paths of an SVG page: where each symbol starts (mm), its module size and path data. */
function parseQrPaths(svg: string): { x: number; y: number; scale: number; d: string }[] {
  return [...svg.matchAll(/<path class="qr" transform="translate\(([\d.]+) ([\d.]+)\) scale\(([\d.]+)\)" d="([^"]+)"\/>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    scale: Number(m[3]),
    d: m[4]!,
  }));
}

/** Rasterise a QR path (runs of "m dx dy h n v1 h-n z", in module units) back to a module matrix. */
function readPathModules(d: string, size: number): boolean[][] {
  const modules = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  const runs = [...d.matchAll(/[mM](-?\d+) (-?\d+)h(\d+)v1h-(\d+)z/g)];
  expect(runs.map((r) => r[0]).join('')).toBe(d);
  for (const [, dx, dy, length] of runs) {
    x += Number(dx);
    y += Number(dy);
    for (let i = 0; i < Number(length); i++) modules[y]![x + i] = true;
  }
  return modules;
}

const MASKS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];
// Error-correction blocks at level M for versions 1–7 (ISO/IEC 18004 Table 9); blocks
// within each of these versions are the same length, so interleaving is a plain stride.
const M_BLOCKS = [1, 1, 1, 2, 2, 4, 4];
const MODES: Record<number, string> = { 1: 'numeric', 2: 'alphanumeric', 4: 'byte', 8: 'kanji' };

/**
 * Read the error-correction level from the format information, then the mode indicator
 * and character count that open the data (ISO/IEC 18004 §7.4, §7.7, §7.9). Only the
 * rightmost column pair is walked, which holds the first codewords of a version-4+ symbol.
 */
function readQrHeader(modules: boolean[][]): { ecc: string; mode: string; count: number } {
  const size = modules.length;
  const version = (size - 17) / 4;
  const bit = (row: number, col: number) => (modules[row]![col] ? 1 : 0);
  let vertical = 0;
  let horizontal = 0;
  for (let i = 0; i < 15; i++) {
    vertical |= bit(i < 6 ? i : i < 8 ? i + 1 : size - 15 + i, 8) << i;
    horizontal |= bit(8, i < 8 ? size - i - 1 : i < 9 ? 15 - i : 14 - i) << i;
  }
  expect(horizontal).toBe(vertical);
  const format = vertical ^ 0b101010000010010;
  const ecc = ['M', 'L', 'H', 'Q'][format >> 13]!;
  const mask = MASKS[(format >> 10) & 7]!;

  // The codeword stream interleaves blocks: block 1's bytes sit every `blocks` bytes.
  const blocks = M_BLOCKS[version - 1]!;
  const streamBit = (k: number) => {
    const row = size - 1 - Math.floor(k / 2);
    const col = size - 1 - (k % 2);
    expect(row).toBeGreaterThan(8);
    return bit(row, col) ^ (mask(row, col) ? 1 : 0);
  };
  const dataBit = (n: number) => streamBit(Math.floor(n / 8) * blocks * 8 + (n % 8));
  const readBits = (from: number, length: number) => Array.from({ length }, (_, i) => dataBit(from + i)).reduce((acc, b) => (acc << 1) | b, 0);
  const modeBits = readBits(0, 4);
  const mode = MODES[modeBits] ?? `0b${modeBits.toString(2)}`;
  return { ecc, mode, count: readBits(4, 9) };
}
