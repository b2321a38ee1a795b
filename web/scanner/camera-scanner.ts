// The live scanner: opens the (rear) camera into a <video>, decodes a few frames a
// second — one at a time, so a cheap phone stays responsive — and reports each new code
// once. The camera is released whenever the page is hidden and reopened when it is
// shown again. Import it lazily: `await import('…/scanner/camera-scanner')`.
import { ALL_CODE_FORMATS, markDecoded, type CodeFormat, type DecodedCode, type DecodeEngine } from './code-format';
import { PixelGrabber, planFrameLook } from './frame-capture';
import { disableNativeDetector, getNativeDetector } from './native-detector';
import { cameraErrorFrom, ScannerError } from './scanner-error';
import { decodeWithZXing, isDecodingInWorker, warmZXing } from './zxing-client';

export { ALL_CODE_FORMATS, DECODED_MARK, type CodeFormat, type DecodedCode, type DecodeEngine } from './code-format';
export { ScannerError, type ScannerErrorCode } from './scanner-error';

/** idle → starting → scanning ⇄ paused (page hidden) → stopped (stop() or an error). */
export type ScannerState = 'idle' | 'starting' | 'scanning' | 'paused' | 'stopped';

export interface CameraCapabilities {
  torch: boolean;
  zoom: { min: number; max: number; step: number } | null;
}

export interface DecodeStats {
  frames: number;
  /** Whole time for the last frame (grab + decode), ms. */
  lastFrameMs: number | null;
  /** Decoder time for the last frame (inside the worker when there is one), ms. */
  lastDecodeMs: number | null;
  averageDecodeMs: number | null;
  engine: DecodeEngine | null;
  inWorker: boolean;
}

export interface CameraScannerOptions {
  onDecode(code: DecodedCode): void;
  /** A failure after start() resolved: the camera stopped, the decoder failed, or reopening it on return to the page failed. */
  onError(error: ScannerError): void;
  /** Called when state, camera, torch/zoom or capabilities change; read them off the scanner. */
  onChange?(): void;
  formats?: CodeFormat[];
  /** A code still (or again) in view within this many ms of its last sighting is not reported twice. Default 2000. */
  dedupeMs?: number;
  /** At most this many frames a second (the loop also slows so decoding takes ≤ half the time). Default 8. */
  maxFps?: number;
}

export interface CameraScanner {
  /**
   * Open the camera (rear by default, or `deviceId`) and scan. Resolves true once
   * scanning (or waiting for a hidden page to be shown), false if stop() or another
   * start() overtook it; rejects with a ScannerError when the camera cannot be opened.
   */
  start(deviceId?: string): Promise<boolean>;
  /** Stop scanning and release the camera; forgets recently seen codes. */
  stop(): void;
  cameras(): Promise<MediaDeviceInfo[]>;
  /** Move to the next camera; false when there is only one. */
  switchCamera(): Promise<boolean>;
  readonly capabilities: CameraCapabilities;
  setTorch(on: boolean): Promise<boolean>;
  setZoom(zoom: number): Promise<boolean>;
  readonly torch: boolean;
  readonly zoom: number | null;
  readonly state: ScannerState;
  readonly deviceId: string | null;
  readonly stats: DecodeStats;
  /** Report the code in view again even if it was just reported (e.g. after the verdict is dismissed). */
  forgetRecent(): void;
}

interface FrameDecoder {
  engine: DecodeEngine;
  decode(video: HTMLVideoElement, frameIndex: number): Promise<{ codes: DecodedCode[]; ms: number }>;
}

type Facing = 'environment' | 'user';

const NO_CAPABILITIES: CameraCapabilities = { torch: false, zoom: null };
const NOT_READY_RETRY_MS = 100;

/** Create a scanner for `video` (muted, inline); call start() from a user gesture or on screen entry. */
export function createCameraScanner(video: HTMLVideoElement, opts: CameraScannerOptions): CameraScanner {
  return new LiveScanner(video, opts);
}

class LiveScanner implements CameraScanner {
  state: ScannerState = 'idle';
  capabilities: CameraCapabilities = NO_CAPABILITIES;
  torch = false;
  deviceId: string | null = null;

  private readonly formats: readonly CodeFormat[];
  private readonly dedupeMs: number;
  private readonly minIntervalMs: number;
  private readonly recent = new Map<string, number>();
  private stream: MediaStream | null = null;
  private track: MediaStreamTrack | null = null;
  private facing: Facing = 'environment';
  // Bumped by every start/stop/pause: async steps of an older run see it and give up.
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private decoder: Promise<FrameDecoder> | null = null;
  private frameIndex = 0;
  private frames = 0;
  private decodeMsTotal = 0;
  private lastFrameMs: number | null = null;
  private lastDecodeMs: number | null = null;
  private engine: DecodeEngine | null = null;
  private listening = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly opts: CameraScannerOptions,
  ) {
    this.formats = opts.formats?.length ? [...opts.formats] : ALL_CODE_FORMATS;
    this.dedupeMs = opts.dedupeMs ?? 2000;
    this.minIntervalMs = 1000 / Math.max(1, opts.maxFps ?? 8);
  }

  get zoom(): number | null {
    const zoom = (this.track?.getSettings() as { zoom?: number } | undefined)?.zoom;
    return typeof zoom === 'number' ? zoom : null;
  }

  get stats(): DecodeStats {
    return {
      frames: this.frames,
      lastFrameMs: this.lastFrameMs,
      lastDecodeMs: this.lastDecodeMs,
      averageDecodeMs: this.frames ? this.decodeMsTotal / this.frames : null,
      engine: this.engine,
      inWorker: this.engine === 'zxing-wasm' && isDecodingInWorker(),
    };
  }

  async start(deviceId?: string): Promise<boolean> {
    this.release();
    const generation = this.generation;
    this.listenToVisibility(true);
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') {
      // Opened in a background tab: the camera starts when the page is shown.
      this.deviceId = deviceId ?? this.deviceId;
      this.setState('paused');
      return true;
    }
    this.setState('starting');
    const unavailable = cameraUnavailable();
    if (unavailable) this.fail(unavailable);
    const decoder = this.frameDecoder();

    let stream: MediaStream;
    try {
      stream = await openCamera(deviceId, this.facing);
    } catch (error) {
      if (generation !== this.generation) return false;
      this.fail(cameraErrorFrom(error));
    }
    if (generation !== this.generation) {
      stopStream(stream);
      return false;
    }
    this.stream = stream;
    const track = stream.getVideoTracks()[0] ?? null;
    this.track = track;
    track?.addEventListener('ended', this.onTrackEnded);

    const video = this.video;
    video.muted = true;
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    video.srcObject = stream;
    try {
      await video.play();
    } catch (error) {
      // A newer start or stop replaced the stream (AbortError); anything else is real.
      if (generation !== this.generation) return false;
      if ((error as { name?: string } | null)?.name !== 'AbortError') this.fail(cameraErrorFrom(error));
    }
    if (generation !== this.generation) return false;

    this.deviceId = (track?.getSettings().deviceId || deviceId) ?? null;
    this.capabilities = track ? readCapabilities(track) : NO_CAPABILITIES;
    try {
      this.engine = (await decoder).engine;
    } catch (error) {
      if (generation !== this.generation) return false;
      this.fail(new ScannerError('decoder_unavailable', error));
    }
    if (generation !== this.generation) return false;
    this.setState('scanning');
    this.schedule(generation, 0);
    return true;
  }

  stop(): void {
    this.release();
    this.listenToVisibility(false);
    this.recent.clear();
    if (this.state !== 'idle') this.setState('stopped');
  }

  async cameras(): Promise<MediaDeviceInfo[]> {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return [];
    try {
      return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput');
    } catch {
      return [];
    }
  }

  async switchCamera(): Promise<boolean> {
    const cameras = await this.cameras();
    if (cameras.length < 2) return false;
    const ids = cameras.map((camera) => camera.deviceId).filter(Boolean);
    if (ids.length === cameras.length) {
      const next = ids[(ids.indexOf(this.deviceId ?? '') + 1) % ids.length];
      return this.start(next);
    }
    // Device ids hidden (no permission yet): flip between rear and front instead.
    this.facing = this.facing === 'environment' ? 'user' : 'environment';
    this.deviceId = null;
    return this.start();
  }

  async setTorch(on: boolean): Promise<boolean> {
    if (!this.track || !this.capabilities.torch) return false;
    try {
      await this.track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
      this.torch = on;
      this.changed();
      return true;
    } catch {
      return false;
    }
  }

  async setZoom(zoom: number): Promise<boolean> {
    const range = this.capabilities.zoom;
    if (!this.track || !range || !Number.isFinite(zoom)) return false;
    const stepped = range.min + Math.round((zoom - range.min) / range.step) * range.step;
    const value = Math.min(range.max, Math.max(range.min, stepped));
    try {
      await this.track.applyConstraints({ advanced: [{ zoom: value } as MediaTrackConstraintSet] });
      this.changed();
      return true;
    } catch {
      return false;
    }
  }

  forgetRecent(): void {
    this.recent.clear();
  }

  private frameDecoder(): Promise<FrameDecoder> {
    this.decoder ??= createFrameDecoder(this.formats);
    return this.decoder;
  }

  private schedule(generation: number, delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(generation), delayMs);
  }

  private async tick(generation: number): Promise<void> {
    if (generation !== this.generation || this.state !== 'scanning') return;
    const video = this.video;
    if (video.readyState < 2 || video.videoWidth === 0) {
      this.schedule(generation, NOT_READY_RETRY_MS);
      return;
    }
    const started = performance.now();
    const decoder = await this.frameDecoder();
    let result: { codes: DecodedCode[]; ms: number };
    try {
      result = await decoder.decode(video, this.frameIndex++);
    } catch (error) {
      if (generation !== this.generation) return;
      if (decoder.engine === 'barcode-detector') {
        // Said it could, then threw (seen on some Android builds): zxing from now on.
        disableNativeDetector();
        this.decoder = null;
        this.engine = (await this.frameDecoder()).engine;
        this.schedule(generation, 0);
        return;
      }
      this.failLater(new ScannerError('decoder_unavailable', error));
      return;
    }
    if (generation !== this.generation) return;
    const frameMs = performance.now() - started;
    this.frames++;
    this.lastFrameMs = frameMs;
    this.lastDecodeMs = result.ms;
    this.decodeMsTotal += result.ms;
    if (this.frames === 1) this.refreshCapabilities();
    for (const code of result.codes) {
      this.report(code, result.ms);
      if (generation !== this.generation) return;
    }
    // One frame at a time, a few a second, and never busier than half the time.
    const interval = Math.max(this.minIntervalMs, 2 * frameMs);
    this.schedule(generation, Math.max(0, interval - frameMs));
  }

  private report(code: DecodedCode, decodeMs: number): void {
    const now = performance.now();
    const lastSeen = this.recent.get(code.text);
    this.recent.set(code.text, now);
    if (lastSeen !== undefined && now - lastSeen < this.dedupeMs) return;
    if (this.recent.size > 64) {
      for (const [text, seen] of this.recent) if (now - seen >= this.dedupeMs) this.recent.delete(text);
    }
    markDecoded(code, decodeMs);
    this.opts.onDecode(code);
  }

  // Some Android cameras list torch/zoom only once frames flow.
  private refreshCapabilities(): void {
    if (!this.track) return;
    const next = readCapabilities(this.track);
    if (JSON.stringify(next) !== JSON.stringify(this.capabilities)) {
      this.capabilities = next;
      this.changed();
    }
  }

  /** Stop the loop and the camera, keeping the chosen device and recent codes. */
  private release(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.track?.removeEventListener('ended', this.onTrackEnded);
    if (this.stream) stopStream(this.stream);
    this.stream = null;
    this.track = null;
    this.torch = false;
    if (this.video.srcObject) this.video.srcObject = null;
  }

  /** Give up starting: release everything and reject start() with `error`. */
  private fail(error: ScannerError): never {
    this.shutDown();
    throw error;
  }

  /** A failure while scanning, with no start() call to reject: report it through onError. */
  private failLater(error: ScannerError): void {
    this.shutDown();
    this.opts.onError(error);
  }

  private shutDown(): void {
    this.release();
    this.listenToVisibility(false);
    this.setState('stopped');
  }

  private setState(state: ScannerState): void {
    if (this.state === state) return;
    this.state = state;
    this.changed();
  }

  private changed(): void {
    this.opts.onChange?.();
  }

  private listenToVisibility(on: boolean): void {
    if (typeof document === 'undefined' || on === this.listening) return;
    this.listening = on;
    if (on) document.addEventListener('visibilitychange', this.onVisibilityChange);
    else document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') {
      if (this.state === 'scanning' || this.state === 'starting') {
        this.release();
        this.setState('paused');
      }
    } else if (this.state === 'paused') {
      this.start(this.deviceId ?? undefined).catch((error: ScannerError) => this.opts.onError(error));
    }
  };

  private readonly onTrackEnded = (): void => {
    // Unplugged, or taken by another app or the OS: our own stop() removes this listener first.
    if (this.state === 'scanning' || this.state === 'starting') this.failLater(new ScannerError('camera_failed'));
  };
}

function cameraUnavailable(): ScannerError | null {
  if (typeof globalThis.isSecureContext === 'boolean' && !globalThis.isSecureContext) return new ScannerError('insecure_context');
  if (typeof navigator === 'undefined' || typeof navigator.mediaDevices?.getUserMedia !== 'function') return new ScannerError('unsupported');
  return null;
}

async function openCamera(deviceId: string | undefined, facing: Facing): Promise<MediaStream> {
  // 720p: enough detail for a small stamp, little enough for a cheap phone to move around.
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  const byFacing: MediaTrackConstraints = { facingMode: { ideal: facing }, ...size };
  if (!deviceId) return navigator.mediaDevices.getUserMedia({ video: byFacing, audio: false });
  try {
    return await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: deviceId }, ...size }, audio: false });
  } catch (error) {
    // The remembered camera is gone (unplugged, ids reset): take the default one.
    const name = (error as { name?: string } | null)?.name;
    if (name !== 'NotFoundError' && name !== 'OverconstrainedError') throw error;
    return navigator.mediaDevices.getUserMedia({ video: byFacing, audio: false });
  }
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function readCapabilities(track: MediaStreamTrack): CameraCapabilities {
  if (typeof track.getCapabilities !== 'function') return NO_CAPABILITIES;
  const caps = track.getCapabilities() as { torch?: unknown; zoom?: { min?: unknown; max?: unknown; step?: unknown } };
  const { min, max, step } = caps.zoom ?? {};
  const zoom =
    typeof min === 'number' && typeof max === 'number' && max > min
      ? { min, max, step: typeof step === 'number' && step > 0 ? step : 0.1 }
      : null;
  return { torch: caps.torch === true, zoom };
}

async function createFrameDecoder(formats: readonly CodeFormat[]): Promise<FrameDecoder> {
  const native = await getNativeDetector(formats);
  if (native) {
    return {
      engine: 'barcode-detector',
      async decode(video) {
        const started = performance.now();
        const codes = await native.detect(video);
        return { codes, ms: performance.now() - started };
      },
    };
  }
  // Compile the .wasm while the permission prompt is up; a failure shows at the first frame.
  warmZXing().catch(() => undefined);
  const grabber = new PixelGrabber();
  return {
    engine: 'zxing-wasm',
    decode(video, frameIndex) {
      const look = planFrameLook(video.videoWidth, video.videoHeight, frameIndex);
      return decodeWithZXing(grabber.grab(video, look.plan), formats, look.effort, { transfer: true });
    },
  };
}
