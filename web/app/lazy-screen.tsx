// Screens other than the scanner's home are separate chunks, fetched on first visit
// (preact/compat's lazy + Suspense would cost more bytes than this).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const { t } = useI18n();
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      pending ??= load().then((c) => (loaded = c));
      pending.then(() => setReady(true)).catch(() => {
        pending = null;
        setFailed(true);
      });
    }, []);
    if (loaded) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    return failed ? (
      <p class="error" role="alert">
        {t.error}
      </p>
    ) : (
      <p class="loading">{t.loading}</p>
    );
  };
}
