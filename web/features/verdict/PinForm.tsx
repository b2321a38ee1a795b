import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';

/** The scratch-off PIN, checked online only (the server keeps its keyed hash and the attempt limit). */
export function PinForm({ onSubmit, online }: { onSubmit(pin: string): Promise<void>; online: boolean }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!/^\d{4,8}$/.test(pin.trim())) return setError(t.pinInvalid);
    if (!online) return setError(t.pinOffline);
    setBusy(true);
    setError(null);
    try {
      await onSubmit(pin.trim());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>{t.pinTitle}</h2>
      <label for="pin">{t.pinLabel}</label>
      <input id="pin" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={8} value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button class="btn" type="submit" disabled={busy}>
        {busy ? t.checking : t.pinSubmit}
      </button>
    </form>
  );
}
