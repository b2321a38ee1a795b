// Preact binding for the live scanner: fetches the scanner module only when scanning is
// enabled, starts and stops the camera with `enabled`, and re-renders on every change
// of state, torch, zoom or capabilities. Only types and the small error class are
// imported eagerly.
import type { RefObject } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { CameraCapabilities, CameraScanner, DecodeStats, ScannerState } from './camera-scanner';
import type { CodeFormat, DecodedCode } from './code-format';
import { ScannerError } from './scanner-error';

export interface UseScannerOptions {
  /** Camera on while true; turning it false (or unmounting) releases the camera. */
  enabled: boolean;
  onDecode(code: DecodedCode): void;
  formats?: CodeFormat[];
}

export interface UseScanner {
  /** 'loading' while the scanner module downloads; 'idle' whenever not enabled. */
  state: ScannerState | 'loading';
  error: ScannerError | null;
  capabilities: CameraCapabilities;
  torch: boolean;
  zoom: number | null;
  stats: DecodeStats | null;
  setTorch(on: boolean): Promise<boolean>;
  setZoom(zoom: number): Promise<boolean>;
  switchCamera(): Promise<boolean>;
  forgetRecent(): void;
}

const NO_CAPABILITIES: CameraCapabilities = { torch: false, zoom: null };

/** Scan with the camera into `video` while `enabled`. */
export function useScanner(video: RefObject<HTMLVideoElement>, opts: UseScannerOptions): UseScanner {
  const scanner = useRef<CameraScanner | null>(null);
  const onDecode = useRef(opts.onDecode);
  onDecode.current = opts.onDecode;
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ScannerError | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const formatsKey = (opts.formats ?? []).join(',');

  useEffect(() => {
    if (!opts.enabled) return;
    let cancelled = false;
    setError(null);
    setLoading(true);
    void (async () => {
      try {
        const { createCameraScanner } = await import('./camera-scanner');
        if (cancelled || !video.current) return;
        const created = createCameraScanner(video.current, {
          formats: opts.formats,
          onDecode: (code) => onDecode.current(code),
          onError: (e) => {
            if (!cancelled) setError(e);
          },
          onChange: () => {
            if (!cancelled) rerender(0);
          },
        });
        scanner.current = created;
        setLoading(false);
        await created.start();
      } catch (e) {
        // start() rejects with a ScannerError; a failed module download (offline) is not one.
        if (!cancelled) setError(e instanceof ScannerError ? e : new ScannerError('decoder_unavailable', e));
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
      scanner.current?.stop();
      scanner.current = null;
    };
    // Restart only when scanning is switched or the formats change (`video` is a stable ref).
  }, [opts.enabled, formatsKey]);

  const current = scanner.current;
  return {
    state: !opts.enabled ? 'idle' : loading ? 'loading' : (current?.state ?? 'idle'),
    error,
    capabilities: current?.capabilities ?? NO_CAPABILITIES,
    torch: current?.torch ?? false,
    zoom: current?.zoom ?? null,
    stats: current?.stats ?? null,
    setTorch: async (on) => (await current?.setTorch(on)) ?? false,
    setZoom: async (zoom) => (await current?.setZoom(zoom)) ?? false,
    switchCamera: async () => (await current?.switchCamera()) ?? false,
    forgetRecent: () => current?.forgetRecent(),
  };
}
