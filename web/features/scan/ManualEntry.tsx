import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';

/** Type the stamp's link or a barcode when the camera cannot read it. */
export function ManualEntry({ onSubmit, busy }: { onSubmit(text: string): void; busy: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="card manual"
      onSubmit={(e) => {
        e.preventDefault();
        const value = text.trim();
        if (!value) return setError(t.manualEmpty);
        setError(null);
        onSubmit(value);
      }}
    >
      <h2>{t.manualTitle}</h2>
      <label for="manual-code">{t.manualLabel}</label>
      <input id="manual-code" name="code" autoComplete="off" autoCapitalize="characters" spellcheck={false} placeholder={t.manualPlaceholder} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button class="btn" type="submit" disabled={busy}>
        {busy ? t.checking : t.manualSubmit}
      </button>
    </form>
  );
}
