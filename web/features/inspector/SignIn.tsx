import { useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import { consoleApi, type ConsoleSession } from './console-api';
import type { ConsoleMessages } from './console-messages';

export function SignIn({ m, onSignedIn }: { m: ConsoleMessages; onSignedIn(s: ConsoleSession): void }) {
  const { lang } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await consoleApi.login(email, password);
    setBusy(false);
    if (r.ok) return onSignedIn(r.data);
    const wait = /(\d+)/.exec(r.error.message)?.[1];
    setError(r.error.code === 'too_many_attempts' && wait ? m.tooManyAttempts(Number(wait)) : pick(lang, { message_vi: r.error.message_vi, message_en: r.error.message }));
  };
  return (
    <form class="screen console-signin" onSubmit={submit}>
      <h1>{m.signInTitle}</h1>
      <p class="lead">{m.signInLead}</p>
      <label for="c-email">{m.email}</label>
      <input id="c-email" type="email" autoComplete="username" required maxLength={254} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      <label for="c-password">{m.password}</label>
      <input id="c-password" type="password" autoComplete="current-password" required maxLength={256} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button class="btn" type="submit" disabled={busy}>
        {busy ? m.signingIn : m.signIn}
      </button>
    </form>
  );
}

export function ChangePassword({ m, onChanged }: { m: ConsoleMessages; onChanged(): void }) {
  const { lang } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await consoleApi.changePassword(current, next);
    if (r.ok) onChanged();
    else setError(pick(lang, { message_vi: r.error.message_vi, message_en: r.error.message }));
  };
  return (
    <form class="screen" onSubmit={submit}>
      <h1>{m.changePasswordTitle}</h1>
      <p>{m.changePasswordLead}</p>
      <label for="c-current">{m.currentPassword}</label>
      <input id="c-current" type="password" autoComplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
      <label for="c-next">{m.newPassword}</label>
      <input id="c-next" type="password" autoComplete="new-password" required minLength={12} maxLength={256} value={next} onInput={(e) => setNext(e.currentTarget.value)} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button class="btn" type="submit">
        {m.save}
      </button>
    </form>
  );
}
