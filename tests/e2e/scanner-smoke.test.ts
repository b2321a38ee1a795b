// web/scanner/ alone in real Chromium: a tiny page built with Vite from the scanner
// modules, served from localhost, a fake camera showing a stamp QR. Checks what only a
// browser can: the worker and our own .wasm (never the CDN), the camera released while
// the page is hidden, and a big photo decoded through createImageBitmap and a canvas.
import { createReadStream, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../server/domain/base32';
import { encodeStampUrl } from '../../server/domain/stamp-codec';
import { encodeGreyPng, qrSymbol, renderCode } from './fixtures/code-image';
import { writeFakeCameraY4m } from './fixtures/make-fake-camera';
import { hasChromium, launchPhone } from './helpers/browser';

const SCANNER_DIR = fileURLToPath(new URL('../../web/scanner', import.meta.url));
const STAMP_URL = encodeStampUrl('https://nguonviet.vn', {
  kid: 'K1',
  serial: encodeBase32(new Uint8Array([1, 3, 5, 7, 9, 11, 13, 15, 17, 19])),
  signature: new Uint8Array(64).map((_, i) => (i * 53 + 7) & 0xff),
});

const PAGE_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>scanner smoke</title><link rel="icon" href="data:,"></head>
<body><video width="640" height="480"></video><script type="module" src="/main.ts"></script></body></html>`;

// The page's side: start the scanner, record what it reports, decode a photo on demand.
const PAGE_SCRIPT = `
import { createCameraScanner } from '@scanner/camera-scanner';
import { decodeImageFile } from '@scanner/decode';
const video = document.querySelector('video');
const nv = (window.nv = { decoded: [], errors: [], scanner: null });
nv.start = async () => {
  nv.scanner = createCameraScanner(video, {
    onDecode: (code) => nv.decoded.push({ ...code, at: performance.now() }),
    onError: (error) => nv.errors.push(error.code),
  });
  nv.startedAt = performance.now();
  await nv.scanner.start();
  return nv.scanner.state;
};
nv.decodePhoto = async (base64) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const started = performance.now();
  const codes = await decodeImageFile(new Blob([bytes], { type: 'image/png' }));
  return { codes, ms: performance.now() - started };
};
`;

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

interface PageState {
  decoded: { text: string; format: string; engine: string; at: number }[];
  errors: string[];
  state: string;
  stats: { frames: number; averageDecodeMs: number | null; lastDecodeMs: number | null; lastFrameMs: number | null; engine: string | null; inWorker: boolean };
  hasVideo: boolean;
  startedAt: number;
}

const readState = (page: Page) =>
  page.evaluate(() => {
    const nv = (window as unknown as { nv: Record<string, unknown> & { scanner: Record<string, unknown> } }).nv;
    return {
      decoded: nv.decoded,
      errors: nv.errors,
      state: nv.scanner.state,
      stats: nv.scanner.stats,
      hasVideo: document.querySelector('video')!.srcObject !== null,
      startedAt: nv.startedAt,
    } as PageState;
  });

const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((hide) => {
    Object.defineProperty(document, 'visibilityState', { value: hide ? 'hidden' : 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

describe.skipIf(!hasChromium)('scanner in Chromium (fake camera)', () => {
  let dir: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nv-scanner-smoke-'));
    const root = join(dir, 'page');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), PAGE_HTML);
    writeFileSync(join(root, 'main.ts'), PAGE_SCRIPT);
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      resolve: { alias: { '@scanner': SCANNER_DIR } },
      build: { outDir: join(dir, 'dist'), emptyOutDir: true, target: 'es2022' },
    });
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(dir, 'dist', path === '/' ? 'index.html' : path);
      const stream = createReadStream(file);
      stream.on('open', () => {
        res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        stream.pipe(res);
      });
      stream.on('error', () => {
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // localhost is a secure context, as getUserMedia requires.
    origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('decodes the stamp from the camera in a worker with our own .wasm, releases the camera when hidden, and reads a big photo', async () => {
    const { file } = writeFakeCameraY4m(STAMP_URL, join(dir, 'stamp.y4m'));
    const phone = await launchPhone({ fakeCamera: file });
    try {
      const page = await phone.context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(origin);
      const native = await page.evaluate(() => 'BarcodeDetector' in window);

      expect(await page.evaluate(() => (window as unknown as { nv: { start(): Promise<string> } }).nv.start())).toBe('scanning');
      await page.waitForFunction(() => (window as unknown as { nv: { decoded: unknown[] } }).nv.decoded.length > 0, undefined, { timeout: 30_000 });
      const first = await readState(page);
      expect(first.decoded.map(({ text, format, engine }) => ({ text, format, engine }))).toEqual([
        { text: STAMP_URL, format: 'qr_code', engine: native ? 'barcode-detector' : 'zxing-wasm' },
      ]);
      expect(first.errors).toEqual([]);
      if (!native) expect(first.stats).toMatchObject({ engine: 'zxing-wasm', inWorker: true });
      const mark = await page.evaluate(() => (performance.getEntriesByName('nv:decoded')[0] as PerformanceMark | undefined)?.detail as { text?: string });
      expect(mark?.text).toBe(STAMP_URL);

      // Only our origin was asked for anything; the .wasm came from it.
      expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
      if (!native) expect(requests.some((url) => url.endsWith('.wasm'))).toBe(true);

      // Still in view a second later: reported once.
      await page.waitForTimeout(1000);
      const steady = await readState(page);
      expect(steady.decoded).toHaveLength(1);
      console.info(
        `scanner smoke (Chromium, 640×480 fake camera): first code ${Math.round(first.decoded[0]!.at - first.startedAt)} ms after start(), ` +
          `${steady.stats.frames} frames, decode ${steady.stats.averageDecodeMs?.toFixed(1)} ms/frame on average in the worker ` +
          `(last ${steady.stats.lastDecodeMs?.toFixed(1)} ms; ${steady.stats.lastFrameMs?.toFixed(1)} ms with grab and hand-over)`,
      );

      await setHidden(page, true);
      const hidden = await readState(page);
      expect(hidden).toMatchObject({ state: 'paused', hasVideo: false });
      await page.waitForTimeout(2300); // longer than the de-duplication window
      await setHidden(page, false);
      await page.waitForFunction(() => (window as unknown as { nv: { decoded: unknown[] } }).nv.decoded.length > 1, undefined, { timeout: 30_000 });
      expect(await readState(page)).toMatchObject({ state: 'scanning', hasVideo: true, errors: [] });

      await page.evaluate(() => (window as unknown as { nv: { scanner: { stop(): void } } }).nv.scanner.stop());
      expect(await readState(page)).toMatchObject({ state: 'stopped', hasVideo: false });

      // A 12-megapixel-class photo with a small stamp in the middle: found in the full-resolution centre crop.
      const photo = renderCode(qrSymbol(STAMP_URL), { width: 3000, height: 2250, moduleSize: 3, paper: 190, ink: 50, noise: 4, blur: true });
      const base64 = Buffer.from(encodeGreyPng(photo)).toString('base64');
      const decoded = await page.evaluate((b64) => (window as unknown as { nv: { decodePhoto(b: string): Promise<{ codes: { text: string }[]; ms: number }> } }).nv.decodePhoto(b64), base64);
      expect(decoded.codes.map((c) => c.text)).toEqual([STAMP_URL]);
      console.info(`scanner smoke: 3000×2250 photo decoded in ${Math.round(decoded.ms)} ms`);
      expect(consoleErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
