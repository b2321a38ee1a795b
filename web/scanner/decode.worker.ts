// zxing-wasm off the main thread: a cheap phone keeps scrolling and animating while a
// frame decodes. One request at a time comes from zxing-client.ts.
import type { CodeFormat, DecodeEffort, DecodedCode } from './code-format';
import { loadZXing, readCodesWithZXing } from './zxing-engine';

export type WorkerRequest =
  | { id: number; type: 'load' }
  | { id: number; type: 'decode'; width: number; height: number; pixels: ArrayBuffer; formats: CodeFormat[]; effort: DecodeEffort };

export type WorkerReply = { id: number; ok: true; codes: DecodedCode[]; ms: number } | { id: number; ok: false; error: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  void handle(event.data).then((reply) => scope.postMessage(reply));
};

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  const started = performance.now();
  try {
    if (request.type === 'load') {
      await loadZXing();
      return { id: request.id, ok: true, codes: [], ms: performance.now() - started };
    }
    const image = { data: new Uint8ClampedArray(request.pixels), width: request.width, height: request.height } as ImageData;
    const codes = await readCodesWithZXing(image, request.formats, request.effort);
    return { id: request.id, ok: true, codes, ms: performance.now() - started };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
