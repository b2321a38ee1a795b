// The fake-camera Y4M files the e2e tests feed to Chromium: well-formed, and what they
// show decodes to the text they were made from.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../server/domain/base32';
import { encodeStampUrl } from '../../server/domain/stamp-codec';
import { decodeImageData } from '../../web/scanner/decode';
import { configureZXing } from '../../web/scanner/zxing-engine';
import { lumaToImageData } from '../e2e/fixtures/code-image';
import { readY4m, writeFakeCameraEan13Y4m, writeFakeCameraY4m } from '../e2e/fixtures/make-fake-camera';

// A well-formed stamp URL (the signature bytes need not verify here).
const STAMP_URL = encodeStampUrl('https://nguonviet.vn', {
  kid: 'K1',
  serial: encodeBase32(new Uint8Array([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])),
  signature: new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff),
});
let dir: string;

beforeAll(() => {
  const bytes = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  configureZXing({ wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
  dir = mkdtempSync(join(tmpdir(), 'nv-fake-camera-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const frameImage = (y: Uint8Array, width: number, height: number) => lumaToImageData({ width, height, luma: y });

describe('writeFakeCameraY4m', () => {
  it('writes a 640×480 4:2:0 Y4M whose frames show the stamp QR', async () => {
    expect(STAMP_URL).toHaveLength(146);
    const out = writeFakeCameraY4m(STAMP_URL, join(dir, 'stamp.y4m'), { blankFrames: 2 });
    expect(out).toMatchObject({ width: 640, height: 480, frames: 10, fps: 10 });
    expect(out.moduleSize).toBeGreaterThanOrEqual(6);

    const header = readFileSync(out.file).subarray(0, 60).toString('latin1').split('\n')[0];
    expect(header).toBe('YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg');
    expect(statSync(out.file).size).toBe(header!.length + 1 + 10 * ('FRAME\n'.length + 640 * 480 * 1.5));

    const y4m = readY4m(out.file);
    expect(y4m).toMatchObject({ width: 640, height: 480, fps: 10, colourSpace: '420jpeg' });
    expect(y4m.frames).toHaveLength(10);
    for (const frame of y4m.frames) {
      expect(frame.y).toHaveLength(640 * 480);
      expect(frame.u).toHaveLength(320 * 240);
      expect(frame.v).toHaveLength(320 * 240);
    }
    // Consecutive frames differ (noise, drift), as a real camera's do.
    expect(Buffer.compare(y4m.frames[3]!.y, y4m.frames[4]!.y)).not.toBe(0);

    expect(await decodeImageData(frameImage(y4m.frames[0]!.y, 640, 480), { effort: 'frame' })).toEqual([]);
    for (const index of [2, 5, 9]) {
      expect(await decodeImageData(frameImage(y4m.frames[index]!.y, 640, 480), { effort: 'frame' })).toEqual([
        { text: STAMP_URL, format: 'qr_code', engine: 'zxing-wasm' },
      ]);
    }
  });

  it('writes other sizes and frame counts, and an EAN-13 variant', async () => {
    const small = readY4m(writeFakeCameraY4m('HTTPS://NGUONVIET.VN/', join(dir, 'small.y4m'), { width: 320, height: 240, frames: 3, fps: 5 }).file);
    expect(small).toMatchObject({ width: 320, height: 240, fps: 5 });
    expect(small.frames).toHaveLength(3);
    expect((await decodeImageData(frameImage(small.frames[1]!.y, 320, 240)))[0]?.text).toBe('HTTPS://NGUONVIET.VN/');

    const ean = readY4m(writeFakeCameraEan13Y4m('8934563138165', join(dir, 'ean.y4m'), { frames: 4 }).file);
    expect(ean.frames).toHaveLength(4);
    expect(await decodeImageData(frameImage(ean.frames[2]!.y, 640, 480), { effort: 'frame' })).toEqual([
      { text: '8934563138165', format: 'ean_13', engine: 'zxing-wasm' },
    ]);
    expect(() => writeFakeCameraEan13Y4m('8934563138166', join(dir, 'bad.y4m'))).toThrow(/check digit/);
  });
});
