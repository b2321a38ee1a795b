import { useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import { Icon } from '../../ui/Icon';
import type { CodeFormat } from '../../scanner/code-format';

/** Read a code from a photo (the camera app's picture, a screenshot) when live scanning fails. */
export function PhotoUpload({ onDecoded, disabled }: { onDecoded(text: string, format: CodeFormat): void; disabled: boolean }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<'idle' | 'reading' | 'none' | 'failed'>('idle');
  const [why, setWhy] = useState<string | null>(null);
  const onChange = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setState('reading');
    try {
      const { decodeImageFile } = await import('../../scanner/decode');
      const codes = await decodeImageFile(file);
      const first = codes[0];
      if (!first) return setState('none');
      setState('idle');
      // A photo's decode, like the camera's, starts the "verdict shown" clock.
      performance.mark('nv:decoded');
      onDecoded(first.text, first.format);
    } catch (e) {
      // A ScannerError says what went wrong (not an image, decoder unavailable) in both languages.
      const err = e as { message_vi?: string; message_en?: string };
      setWhy(err.message_vi && err.message_en ? pick(lang, { message_vi: err.message_vi, message_en: err.message_en }) : null);
      setState('failed');
    }
  };
  return (
    <div class="photo-upload">
      <label class={`btn secondary${disabled ? ' disabled' : ''}`}>
        <Icon name="photo" size={20} /> {state === 'reading' ? t.photoReading : t.photoUpload}
        <input type="file" accept="image/*" class="visually-hidden" disabled={disabled || state === 'reading'} onChange={onChange} />
      </label>
      {state === 'none' || state === 'failed' ? (
        <p class="error" role="alert">
          {state === 'none' ? t.photoNoCode : (why ?? t.scannerLoadFailed)}
        </p>
      ) : null}
    </div>
  );
}
