// Home screen: scan with the camera, read a photo, or type the code. A stamp URL opened
// from the landing page (`/?scan=…`) is checked straight away.
import { useEffect, useState } from 'preact/hooks';
import { useBackground } from '../../app/background-context';
import { navigate, useLocation } from '../../app/router';
import { pick, useI18n } from '../../i18n/i18n';
import { CameraView } from './CameraView';
import { checkScan, prepareCheck, ScanRejected } from './check-scan';
import { payloadOfCode } from './code-payload';
import { ManualEntry } from './ManualEntry';
import { PhotoUpload } from './PhotoUpload';

// Fetch the verdict screen while the shopper aims, so showing it costs no round trip.
const preloadVerdict = () => import('../verdict/VerdictScreen');

export function ScanScreen() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const background = useBackground();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = async (text: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const [id] = await Promise.all([checkScan(text, { background }), preloadVerdict()]);
      navigate(`/verdict/${id}`);
    } catch (e) {
      setError(e instanceof ScanRejected ? pick(lang, e) : t.checkFailed);
      setBusy(false);
    }
  };

  useEffect(() => {
    void preloadVerdict();
    void prepareCheck().catch(() => {});
    const fromLink = query.get('scan');
    const toReport = query.get('report');
    if (toReport) navigate(`/report?payload=${encodeURIComponent(toReport)}`, { replace: true });
    else if (fromLink) {
      history.replaceState(null, '', '/');
      void check(fromLink);
    }
  }, []);

  return (
    <div class="screen scan-screen">
      <h1>{t.scanTitle}</h1>
      <p class="lead">{t.scanHint}</p>
      <CameraView onDecoded={(text, format) => void check(payloadOfCode(text, format))} paused={busy} />
      {busy ? (
        <p class="notice" role="status">
          {t.checking}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <PhotoUpload onDecoded={(text, format) => void check(payloadOfCode(text, format))} disabled={busy} />
      <ManualEntry onSubmit={(text) => void check(text)} busy={busy} />
    </div>
  );
}
