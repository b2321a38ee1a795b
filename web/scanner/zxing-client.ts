// Runs zxing-wasm in a module Web Worker when the browser allows it, on the main thread
// otherwise (no Worker, a worker that fails to start, tests in Node). The worker is
// shared by live scans and photo decodes, and ended after a minute without work to
// give its memory (the .wasm heap) back.
import type { CodeFormat, DecodeEffort, DecodedCode } from './code-format';
import type { WorkerReply, WorkerRequest } from './decode.worker';

export interface ZXingDecodeResult {
  codes: DecodedCode[];
  /** Time spent decoding (inside the worker when there is one), in ms. */
  ms: number;
}

export interface ZXingDecodeOptions {
  /** Hand the pixel buffer to the worker instead of copying it (the ImageData is unusable after). */
  transfer?: boolean;
}

const IDLE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

class WorkerUnavailable extends Error {}

// A request before the client numbers it (Omit applied to each member of the union).
type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

class WorkerDecoder {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(reply: WorkerReply): void; reject(error: Error): void }>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onEnd: (decoder: WorkerDecoder) => void) {
    this.worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'nv-decoder' });
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const entry = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      entry?.resolve(event.data);
      this.armIdleTimer();
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.end(new WorkerUnavailable(event.message || 'decoder worker failed'));
    };
    this.worker.onmessageerror = () => this.end(new WorkerUnavailable('decoder worker message error'));
  }

  send(request: Request, transfer: Transferable[] = []): Promise<WorkerReply> {
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const timer = setTimeout(() => this.end(new WorkerUnavailable('decoder worker did not answer')), REQUEST_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (reply) => (clearTimeout(timer), resolve(reply)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.worker.postMessage({ ...request, id } as WorkerRequest, transfer);
    });
  }

  end(error: Error = new WorkerUnavailable('decoder worker ended')): void {
    clearTimeout(this.idleTimer);
    this.worker.terminate();
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
    this.onEnd(this);
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.pending.size === 0) this.idleTimer = setTimeout(() => this.end(), IDLE_MS);
  }
}

let workerDecoder: WorkerDecoder | null = null;
let useWorker = typeof Worker === 'function';

function getWorker(): WorkerDecoder | null {
  if (!useWorker) return null;
  if (!workerDecoder) {
    try {
      workerDecoder = new WorkerDecoder((ended) => {
        if (workerDecoder === ended) workerDecoder = null;
      });
    } catch {
      useWorker = false;
    }
  }
  return workerDecoder;
}

function giveUpOnWorker(): void {
  useWorker = false;
  workerDecoder?.end();
}

/** Fetch and compile the .wasm ahead of the first decode (e.g. while the camera starts). */
export async function warmZXing(): Promise<void> {
  const worker = getWorker();
  if (worker) {
    try {
      const reply = await worker.send({ type: 'load' });
      if (reply.ok) return;
    } catch {
      // fall through to the main thread
    }
    giveUpOnWorker();
  }
  const engine = await import('./zxing-engine');
  await engine.loadZXing();
}

/** Decode RGBA pixels with zxing-wasm, in the worker when possible. */
export async function decodeWithZXing(
  image: ImageData,
  formats: readonly CodeFormat[],
  effort: DecodeEffort,
  options: ZXingDecodeOptions = {},
): Promise<ZXingDecodeResult> {
  const worker = getWorker();
  if (worker) {
    // The worker sees a whole buffer; a view into a larger one is copied out first.
    const whole = image.data.byteOffset === 0 && image.data.byteLength === image.data.buffer.byteLength;
    const pixels = (whole ? image.data.buffer : image.data.slice().buffer) as ArrayBuffer;
    try {
      const reply = await worker.send(
        { type: 'decode', width: image.width, height: image.height, pixels, formats: [...formats], effort },
        options.transfer ? [pixels] : [],
      );
      if (reply.ok) return { codes: reply.codes, ms: reply.ms };
    } catch {
      // the worker could not start or died: the main thread takes over below
    }
    giveUpOnWorker();
    // A transferred buffer went with the worker; the next frame goes to the main thread.
    if (options.transfer && image.data.byteLength === 0) return { codes: [], ms: 0 };
  }
  const engine = await import('./zxing-engine');
  const started = performance.now();
  const codes = await engine.readCodesWithZXing(image, formats, effort);
  return { codes, ms: performance.now() - started };
}

/** Whether decodes currently run in a worker (for diagnostics and the scan screen's stats). */
export function isDecodingInWorker(): boolean {
  return useWorker;
}
