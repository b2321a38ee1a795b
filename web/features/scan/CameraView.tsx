// Live scanning. The scanner module (and zxing's .wasm where the browser has no
// BarcodeDetector) is fetched only when the shopper turns the camera on.
import { useEffect, useRef, useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import type { CameraScanner } from '../../scanner/camera-scanner';
import { Icon } from '../../ui/Icon';
import type { CodeFormat } from '../../scanner/code-format';

type CameraState = { kind: 'off' } | { kind: 'starting' } | { kind: 'on' } | { kind: 'error'; message_vi: string; message_en: string };

const AUTOSTART_KEY = 'nv.cameraAllowed';

export function CameraView({ onDecoded, paused }: { onDecoded(text: string, format: CodeFormat): void; paused: boolean }) {
  const { t, lang } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<CameraScanner | null>(null);
  const [state, setState] = useState<CameraState>({ kind: 'off' });
  // Torch, zoom and capabilities are read off the scanner; onChange re-renders.
  const [, setTick] = useState(0);
  const decoded = useRef(onDecoded);
  decoded.current = onDecoded;

  const start = async () => {
    if (!video.current || state.kind === 'starting') return;
    setState({ kind: 'starting' });
    try {
      const { createCameraScanner } = await import('../../scanner/camera-scanner');
      scanner.current ??= createCameraScanner(video.current, {
        // The scanner marks 'nv:decoded' itself (the e2e budget: verdict ≤ 150 ms after it).
        onDecode: (code) => decoded.current(code.text, code.format),
        onError: (e) => setState({ kind: 'error', message_vi: e.message_vi, message_en: e.message_en }),
        onChange: () => setTick((n) => n + 1),
      });
      if (!(await scanner.current.start())) return;
      localStorage.setItem(AUTOSTART_KEY, '1');
      setState({ kind: 'on' });
    } catch (e) {
      const err = e as { message_vi?: string; message_en?: string; message?: string };
      setState({ kind: 'error', message_vi: err.message_vi ?? t.scannerLoadFailed, message_en: err.message_en ?? err.message ?? 'The camera could not be started.' });
    }
  };
  const stop = () => {
    scanner.current?.stop();
    setState({ kind: 'off' });
  };

  // Start by itself only if the shopper has already allowed the camera once.
  useEffect(() => {
    let cancelled = false;
    const allowed = localStorage.getItem(AUTOSTART_KEY) === '1';
    if (allowed && navigator.permissions) {
      navigator.permissions
        .query({ name: 'camera' as PermissionName })
        .then((p) => {
          if (!cancelled && p.state === 'granted') void start();
        })
        .catch(() => {});
    }
    return () => {
      cancelled = true;
      scanner.current?.stop();
    };
  }, []);

  // A check in progress releases the camera. The view goes back to 'off' (start button):
  // after a failed check the shopper restarts it, rather than it re-reading the same code.
  useEffect(() => {
    if (!paused || !scanner.current) return;
    scanner.current.stop();
    setState((s) => (s.kind === 'error' ? s : { kind: 'off' }));
  }, [paused]);

  const live = state.kind === 'on' ? scanner.current : null;
  const caps = live?.capabilities;
  return (
    <section class="camera card" aria-label={t.scanTitle}>
      <div class={`viewfinder${state.kind === 'on' ? ' live' : ''}`}>
        <video ref={video} muted playsInline aria-label={t.cameraPreview} />
        {state.kind === 'on' ? <div class="aim" aria-hidden="true" /> : null}
        {state.kind !== 'on' ? (
          <button type="button" class="btn big" onClick={start} disabled={state.kind === 'starting' || paused}>
            <Icon name="camera" size={28} /> {state.kind === 'starting' ? t.cameraStarting : t.cameraStart}
          </button>
        ) : null}
      </div>
      {state.kind === 'error' ? (
        <p class="error" role="alert">
          {pick(lang, state)}
        </p>
      ) : null}
      {state.kind === 'on' ? (
        <div class="camera-controls">
          <button type="button" class="btn secondary" onClick={stop}>
            {t.cameraStop}
          </button>
          <button type="button" class="btn secondary" onClick={() => void live?.switchCamera()}>
            {t.cameraSwitch}
          </button>
          {caps?.torch ? (
            <button type="button" class="btn secondary" aria-pressed={live?.torch ?? false} onClick={() => void live?.setTorch(!live.torch)}>
              {live?.torch ? t.torchOff : t.torchOn}
            </button>
          ) : null}
          {caps?.zoom && live?.zoom != null ? (
            <label class="zoom">
              {t.zoom}
              <input
                type="range"
                min={caps.zoom.min}
                max={caps.zoom.max}
                step={caps.zoom.step}
                value={live.zoom}
                onInput={(e) => void live.setZoom(Number(e.currentTarget.value))}
              />
            </label>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
