// Encodes a stamp URL as a QR module matrix for the sheet renderers. The data goes in
// as one explicit alphanumeric segment rather than through the library's optimiser
// (which may split off numeric runs): that is the encoding qrVersionForAlphanumeric
// sizes for, and a URL that cannot take it fails here instead of silently growing.

import QRCode from 'qrcode';
import { DomainError } from '../../domain/coded-error';
import { isQrAlphanumeric, STAMP_MAX_QR_VERSION } from '../../domain/stamp-codec';

/** A QR symbol as dark/light modules, without the quiet zone. */
export interface StampQr {
  version: number;
  /** Modules per side: 17 + 4 × version. */
  size: number;
  /** modules[row][column], true for dark. */
  modules: boolean[][];
}

/** A horizontal run of dark modules in one row, in module units. */
export interface DarkRun {
  x: number;
  y: number;
  length: number;
}

/** Encode a stamp URL as a QR symbol in alphanumeric mode at ECC M; throws DomainError beyond version 7. */
export function encodeStampQr(url: string): StampQr {
  if (!url || !isQrAlphanumeric(url)) {
    throw new DomainError(
      'url_not_alphanumeric',
      'URL tem phải là chữ in hoa, chữ số và các ký tự $ % * + - . / : để in bằng mã QR chữ-số.',
      `Stamp URL "${url}" must use only QR alphanumeric characters (0-9 A-Z space $ % * + - . / :).`,
    );
  }
  const qr = QRCode.create([{ data: url, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M' });
  if (qr.version > STAMP_MAX_QR_VERSION) {
    throw new DomainError(
      'url_too_long',
      `URL tem dài ${url.length} ký tự cần mã QR phiên bản ${qr.version}, vượt phiên bản ${STAMP_MAX_QR_VERSION} mức M in được trên tem.`,
      `Stamp URL of ${url.length} characters needs QR version ${qr.version}; stamps print at version ${STAMP_MAX_QR_VERSION} or below at ECC M.`,
    );
  }
  return { version: qr.version, size: qr.modules.size, modules: unpackModules(qr.modules.data, qr.modules.size) };
}

// Plain loops: this runs once per stamp, thousands of times per sheet.
function unpackModules(data: Uint8Array, size: number): boolean[][] {
  const modules: boolean[][] = [];
  for (let row = 0; row < size; row++) {
    const line = new Array<boolean>(size);
    for (let col = 0; col < size; col++) line[col] = data[row * size + col] === 1;
    modules.push(line);
  }
  return modules;
}

/** Collect the dark modules as horizontal runs, so a renderer draws one rectangle per run instead of per module. */
export function collectDarkRuns(modules: readonly (readonly boolean[])[]): DarkRun[] {
  const runs: DarkRun[] = [];
  for (let y = 0; y < modules.length; y++) {
    const row = modules[y]!;
    let start = -1;
    for (let x = 0; x <= row.length; x++) {
      const dark = x < row.length && row[x] === true;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, length: x - start });
        start = -1;
      }
    }
  }
  return runs;
}
