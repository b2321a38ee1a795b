// The scan screen's camera view in happy-dom, with a fake camera and a fake native
// BarcodeDetector: what the shopper can do with the viewfinder around a check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CameraView } from '../../web/features/scan/CameraView';
import { vi as vietnamese } from '../../web/i18n/vi';
import { mount } from './fixtures/screen';

const STAMP = 'HTTPS://NGUONVIET.VN/S/K1/AAAAAAAAAAAAAAAA/BBBB';
let tracks: { live: boolean }[] = [];
let inView: { rawValue: string; format: string }[] = [];

beforeEach(() => {
  tracks = [];
  inView = [];
  const getUserMedia = async () => {
    const track = Object.assign(new EventTarget(), {
      live: true,
      stop: () => void (track.live = false),
      getSettings: () => ({ deviceId: 'rear' }),
      getCapabilities: () => ({}),
      applyConstraints: async () => undefined,
    });
    tracks.push(track);
    return { getVideoTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  };
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia, enumerateDevices: async () => [] }, configurable: true });
  (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = class {
    static getSupportedFormats = async () => ['qr_code', 'ean_13', 'ean_8', 'upc_a', 'upc_e'];
    async detect() {
      return inView;
    }
  };
  // happy-dom's <video> plays nothing: it "shows" a 1280×720 frame once it has a stream.
  const sources = new WeakMap<HTMLVideoElement, MediaProvider | null>();
  const proto = HTMLVideoElement.prototype;
  const getter = (read: (video: HTMLVideoElement) => unknown) => ({
    get(this: HTMLVideoElement) {
      return read(this);
    },
    configurable: true,
  });
  Object.defineProperty(proto, 'srcObject', {
    ...getter((video) => sources.get(video) ?? null),
    set(this: HTMLVideoElement, stream: MediaProvider | null) {
      sources.set(this, stream);
    },
  });
  Object.defineProperty(proto, 'readyState', getter((video) => (video.srcObject ? 4 : 0)));
  Object.defineProperty(proto, 'videoWidth', getter((video) => (video.srcObject ? 1280 : 0)));
  Object.defineProperty(proto, 'videoHeight', getter((video) => (video.srcObject ? 720 : 0)));
  proto.play = async () => undefined;
});

let unmount = () => {};
afterEach(() => {
  unmount();
  delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
});

const button = (el: HTMLElement, label: string) => [...el.querySelectorAll('button')].find((b) => b.textContent?.includes(label));

describe('CameraView', () => {
  it('after a check that failed, the camera can be turned on again and reads codes', async () => {
    const decoded: string[] = [];
    const view = (paused: boolean) => <CameraView onDecoded={(text) => decoded.push(text)} paused={paused} />;
    const screen = mount(view(false));
    unmount = screen.unmount;
    button(screen.el, vietnamese.cameraStart)!.click();
    await expect.poll(() => button(screen.el, vietnamese.cameraStop)).toBeTruthy();

    screen.rerender(view(true)); // checking a code
    await expect.poll(() => tracks.filter((t) => t.live).length).toBe(0);
    screen.rerender(view(false)); // the check failed: back on the scan screen

    await expect.poll(() => button(screen.el, vietnamese.cameraStart)?.disabled).toBe(false);
    button(screen.el, vietnamese.cameraStart)!.click();
    await expect.poll(() => tracks.filter((t) => t.live).length).toBe(1);
    inView = [{ rawValue: STAMP, format: 'qr_code' }];
    await expect.poll(() => decoded).toEqual([STAMP]);
  });
});
