// The live scanner's camera lifecycle in happy-dom, against a fake camera (getUserMedia,
// tracks) and a fake native BarcodeDetector: what the shopper would see — the camera on
// or released, each code reported once, errors with a reason — not which calls were made.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCameraScanner, type CameraScanner, type CameraScannerOptions, type DecodedCode } from '../../web/scanner/camera-scanner';
import { h, render } from 'preact';
import { ScannerError } from '../../web/scanner/scanner-error';
import { useScanner, type UseScanner } from '../../web/scanner/use-scanner';

const STAMP = 'HTTPS://NGUONVIET.VN/S/K1/AAAAAAAAAAAAAAAA/BBBB';

class FakeTrack extends EventTarget {
  live = true;
  constraints: MediaTrackConstraintSet[] = [];
  constructor(
    readonly deviceId: string,
    private readonly caps: Record<string, unknown>,
  ) {
    super();
  }
  stop() {
    this.live = false;
  }
  getSettings() {
    const zoom = this.constraints.findLast((c) => 'zoom' in c) as { zoom?: number } | undefined;
    return { deviceId: this.deviceId, zoom: zoom?.zoom };
  }
  getCapabilities() {
    return this.caps;
  }
  async applyConstraints(c: MediaTrackConstraints) {
    this.constraints.push(...(c.advanced ?? []));
  }
  /** The OS took the camera away. */
  end() {
    this.live = false;
    this.dispatchEvent(new Event('ended'));
  }
}

interface FakeCamera {
  requests: MediaStreamConstraints[];
  tracks: FakeTrack[];
  /** Next getUserMedia fails with this DOMException name. */
  failWith: string | null;
  /** Hold getUserMedia until release() is called. */
  hold: boolean;
  release(): void;
}

function installCamera(devices = ['rear', 'front'], caps: Record<string, unknown> = {}): FakeCamera {
  const camera: FakeCamera = { requests: [], tracks: [], failWith: null, hold: false, release: () => undefined };
  const getUserMedia = async (constraints: MediaStreamConstraints) => {
    camera.requests.push(constraints);
    if (camera.failWith) throw new DOMException('fake failure', camera.failWith);
    if (camera.hold) await new Promise<void>((resolve) => (camera.release = resolve));
    const video = constraints.video as MediaTrackConstraints;
    const exact = (video.deviceId as { exact?: string } | undefined)?.exact;
    const track = new FakeTrack(exact ?? devices[0]!, caps);
    camera.tracks.push(track);
    return { getVideoTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  };
  const enumerateDevices = async () => devices.map((deviceId) => ({ deviceId, kind: 'videoinput', label: deviceId, groupId: '' }) as MediaDeviceInfo);
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia, enumerateDevices }, configurable: true });
  return camera;
}

/** The native detector "sees" whatever the test puts in front of the camera. */
let inView: { rawValue: string; format: string }[] = [];
function installDetector() {
  (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = class {
    static getSupportedFormats = async () => ['qr_code', 'ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128'];
    async detect() {
      return inView;
    }
  };
}

function makeVideo(): HTMLVideoElement {
  const video = document.createElement('video');
  // happy-dom's srcObject accepts only its own MediaStream class.
  let source: MediaProvider | null = null;
  Object.defineProperty(video, 'srcObject', { get: () => source, set: (value: MediaProvider | null) => (source = value) });
  Object.defineProperty(video, 'readyState', { get: () => (video.srcObject ? 4 : 0) });
  Object.defineProperty(video, 'videoWidth', { get: () => (video.srcObject ? 1280 : 0) });
  Object.defineProperty(video, 'videoHeight', { get: () => (video.srcObject ? 720 : 0) });
  video.play = async () => undefined;
  return video;
}

let visibility: DocumentVisibilityState = 'visible';
function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

let scanner: CameraScanner | null = null;
function scan(video: HTMLVideoElement, opts: Partial<CameraScannerOptions> = {}) {
  const decoded: DecodedCode[] = [];
  const errors: ScannerError[] = [];
  scanner = createCameraScanner(video, { onDecode: (c) => decoded.push(c), onError: (e) => errors.push(e), maxFps: 50, ...opts });
  return { scanner, decoded, errors };
}

const live = (camera: FakeCamera) => camera.tracks.filter((t) => t.live);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  inView = [];
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { get: () => visibility, configurable: true });
  installDetector();
  performance.clearMarks('nv:decoded');
});

afterEach(() => {
  scanner?.stop();
  scanner = null;
  delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
  delete (globalThis as { isSecureContext?: unknown }).isSecureContext;
});

describe('camera scanner', () => {
  it('opens the rear camera at about 720p and reports a code in view once, with a performance mark', async () => {
    const camera = installCamera();
    const video = makeVideo();
    const { scanner, decoded } = scan(video);
    expect(await scanner.start()).toBe(true);
    expect(scanner.state).toBe('scanning');
    expect(camera.requests[0]).toEqual({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
    expect(video.srcObject).toBeTruthy();
    expect(video.muted).toBe(true);
    expect(video.hasAttribute('playsinline')).toBe(true);

    inView = [
      { rawValue: STAMP, format: 'qr_code' },
      { rawValue: 'ignored', format: 'code_128' },
    ];
    await vi.waitFor(() => expect(decoded).toHaveLength(1));
    await sleep(150); // still in view: not reported again
    expect(decoded).toEqual([{ text: STAMP, format: 'qr_code', engine: 'barcode-detector' }]);
    const mark = performance.getEntriesByName('nv:decoded')[0] as PerformanceMark | undefined;
    expect(mark?.detail).toMatchObject({ text: STAMP, format: 'qr_code', engine: 'barcode-detector' });
    expect(scanner.stats).toMatchObject({ engine: 'barcode-detector', inWorker: false });
    expect(scanner.stats.frames).toBeGreaterThan(3);
    expect(scanner.stats.lastDecodeMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a code again once it has been out of view for the de-duplication window, or on forgetRecent()', async () => {
    installCamera();
    const { scanner, decoded } = scan(makeVideo(), { dedupeMs: 120 });
    await scanner.start();
    inView = [{ rawValue: '8934563138165', format: 'ean_13' }];
    await vi.waitFor(() => expect(decoded).toHaveLength(1));
    inView = [];
    await sleep(250);
    inView = [{ rawValue: '8934563138165', format: 'ean_13' }];
    await vi.waitFor(() => expect(decoded).toHaveLength(2));
    scanner.forgetRecent();
    await vi.waitFor(() => expect(decoded).toHaveLength(3));
  });

  it('releases the camera while the page is hidden and reopens the same camera when it is shown', async () => {
    const camera = installCamera(['rear', 'front']);
    const { scanner, decoded } = scan(makeVideo());
    await scanner.start('front');
    setVisibility('hidden');
    expect(scanner.state).toBe('paused');
    expect(live(camera)).toHaveLength(0);
    inView = [{ rawValue: STAMP, format: 'qr_code' }];
    await sleep(100);
    expect(decoded).toHaveLength(0);

    setVisibility('visible');
    await vi.waitFor(() => expect(scanner.state).toBe('scanning'));
    expect(live(camera).map((t) => t.deviceId)).toEqual(['front']);
    await vi.waitFor(() => expect(decoded).toHaveLength(1));
  });

  it('stops cleanly, even while the camera is still opening', async () => {
    const camera = installCamera();
    const video = makeVideo();
    const { scanner, decoded } = scan(video);
    await scanner.start();
    scanner.stop();
    expect(scanner.state).toBe('stopped');
    expect(live(camera)).toHaveLength(0);
    expect(video.srcObject).toBeNull();
    inView = [{ rawValue: STAMP, format: 'qr_code' }];
    await sleep(100);
    expect(decoded).toHaveLength(0);

    camera.hold = true;
    const starting = scanner.start();
    await vi.waitFor(() => expect(camera.requests).toHaveLength(2));
    scanner.stop();
    camera.release();
    expect(await starting).toBe(false);
    expect(live(camera)).toHaveLength(0);
    expect(scanner.state).toBe('stopped');
  });

  it.each([
    ['NotAllowedError', 'permission_denied'],
    ['NotFoundError', 'no_camera'],
    ['NotReadableError', 'camera_in_use'],
    ['OverconstrainedError', 'no_camera'],
    ['SomethingNew', 'camera_failed'],
  ])('rejects start() when getUserMedia fails with %s (%s)', async (name, code) => {
    const camera = installCamera();
    camera.failWith = name;
    const { scanner, errors } = scan(makeVideo());
    const error = await scanner.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScannerError);
    expect(error).toMatchObject({ code });
    expect((error as ScannerError).message_vi).toMatch(/camera|Camera/);
    expect((error as ScannerError).message_en.length).toBeGreaterThan(10);
    expect(scanner.state).toBe('stopped');
    expect(errors).toEqual([]);
  });

  it('explains an insecure page and a browser without camera access', async () => {
    installCamera();
    (globalThis as { isSecureContext?: boolean }).isSecureContext = false;
    await expect(scan(makeVideo()).scanner.start()).rejects.toMatchObject({ code: 'insecure_context', message_vi: expect.stringContaining('https') });
    delete (globalThis as { isSecureContext?: unknown }).isSecureContext;
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
    await expect(scan(makeVideo()).scanner.start()).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('reports through onError when the camera is taken away while scanning', async () => {
    const camera = installCamera();
    const { scanner, errors } = scan(makeVideo());
    await scanner.start();
    camera.tracks[0]!.end();
    expect(errors.map((e) => e.code)).toEqual(['camera_failed']);
    expect(scanner.state).toBe('stopped');
  });

  it('switches between cameras, and sets torch and zoom where the camera has them', async () => {
    const camera = installCamera(['rear', 'wide', 'front'], { torch: true, zoom: { min: 1, max: 5, step: 0.5 } });
    const { scanner } = scan(makeVideo());
    await scanner.start();
    expect(scanner.capabilities).toEqual({ torch: true, zoom: { min: 1, max: 5, step: 0.5 } });
    expect(await scanner.setTorch(true)).toBe(true);
    expect(scanner.torch).toBe(true);
    expect(await scanner.setZoom(9)).toBe(true);
    expect(scanner.zoom).toBe(5);
    expect(await scanner.setZoom(2.2)).toBe(true);
    expect(scanner.zoom).toBe(2);

    expect(await scanner.switchCamera()).toBe(true);
    expect(scanner.deviceId).toBe('wide');
    expect(scanner.torch).toBe(false);
    await scanner.switchCamera();
    await scanner.switchCamera();
    expect(scanner.deviceId).toBe('rear');
    expect(live(camera).map((t) => t.deviceId)).toEqual(['rear']);
  });

  it('has no torch or zoom on a camera without them, and nothing to switch to with one camera', async () => {
    installCamera(['only']);
    const { scanner } = scan(makeVideo());
    await scanner.start();
    expect(scanner.capabilities).toEqual({ torch: false, zoom: null });
    expect(await scanner.setTorch(true)).toBe(false);
    expect(await scanner.setZoom(2)).toBe(false);
    expect(await scanner.switchCamera()).toBe(false);
  });
});

describe('useScanner', () => {
  function mountScanner(video: HTMLVideoElement, props: { enabled: boolean }) {
    const decoded: DecodedCode[] = [];
    const seen: UseScanner[] = [];
    const root = document.createElement('div');
    const ref = { current: video };
    function Probe({ enabled }: { enabled: boolean }) {
      seen.push(useScanner(ref, { enabled, onDecode: (c) => decoded.push(c) }));
      return null;
    }
    const show = (enabled: boolean) => render(h(Probe, { enabled }), root);
    show(props.enabled);
    return { decoded, latest: () => seen.at(-1)!, show, unmount: () => render(null, root) };
  }

  it('starts the camera while enabled, reports codes, and releases the camera when disabled', async () => {
    const camera = installCamera();
    const view = mountScanner(makeVideo(), { enabled: true });
    await vi.waitFor(() => expect(view.latest().state).toBe('scanning'));
    inView = [{ rawValue: STAMP, format: 'qr_code' }];
    await vi.waitFor(() => expect(view.decoded.map((c) => c.text)).toEqual([STAMP]));
    view.show(false);
    await vi.waitFor(() => expect(live(camera)).toHaveLength(0));
    expect(view.latest().state).toBe('idle');
    view.unmount();
  });

  it('exposes a refused camera as a ScannerError', async () => {
    installCamera().failWith = 'NotAllowedError';
    const view = mountScanner(makeVideo(), { enabled: true });
    await vi.waitFor(() => expect(view.latest().error?.code).toBe('permission_denied'));
    expect(view.latest().state).toBe('stopped');
    view.unmount();
  });
});
