// Admins: invite a user (the one-time password is shown once), change a role, disable.
import { useEffect, useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import { consoleApi, type UserList } from '../inspector/console-api';
import type { ConsoleProps } from '../inspector/InspectorConsole';

type Role = 'inspector' | 'admin';

export function UsersScreen({ m, session }: ConsoleProps) {
  const { lang } = useI18n();
  const [users, setUsers] = useState<UserList['items']>([]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('inspector');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: { message_vi: string; message: string }) => setError(m.failed(pick(lang, { message_vi: e.message_vi, message_en: e.message })));
  const reload = () => consoleApi.users().then((r) => (r.ok ? setUsers(r.data.items) : fail(r.error)));
  useEffect(() => {
    void reload();
  }, []);

  const invite = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const r = await consoleApi.invite(email.trim(), role);
    if (!r.ok) return fail(r.error);
    setNotice(r.data.oneTimePassword ? m.oneTimePassword(r.data.user.email, r.data.oneTimePassword) : null);
    setEmail('');
    void reload();
  };
  const change = async (id: number, json: { role?: Role; disabled?: boolean }) => {
    setError(null);
    const r = await consoleApi.changeUser(id, json);
    if (!r.ok) return fail(r.error);
    void reload();
  };
  const reset = async (id: number) => {
    const r = await consoleApi.resetPassword(id);
    if (!r.ok) return fail(r.error);
    setNotice(m.oneTimePassword(r.data.user.email, r.data.oneTimePassword));
  };

  return (
    <section>
      <h1>{m.usersTitle}</h1>
      <form class="card" onSubmit={invite}>
        <h2>{m.invite}</h2>
        <label for="u-email">{m.email}</label>
        <input id="u-email" type="email" required maxLength={254} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="u-role">{m.role}</label>
        <select id="u-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          <option value="inspector">{m.role_inspector}</option>
          <option value="admin">{m.role_admin}</option>
        </select>
        <button class="btn" type="submit">
          {m.inviteSend}
        </button>
      </form>
      {notice ? (
        <p class="notice" role="status">
          <span class="code">{notice}</span>
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <ul class="plain">
        {users.map((u) => (
          <li key={u.id}>
            <strong>{u.email}</strong> {u.disabled ? <span class="tag">{m.disabled}</span> : null}
            {u.id === session.user.id ? null : (
              <div class="console-pager">
                <label class="visually-hidden" for={`role-${u.id}`}>
                  {m.role}
                </label>
                <select id={`role-${u.id}`} value={u.role} onChange={(e) => change(u.id, { role: e.currentTarget.value as Role })}>
                  <option value="inspector">{m.role_inspector}</option>
                  <option value="admin">{m.role_admin}</option>
                </select>
                <button type="button" class="btn secondary" onClick={() => change(u.id, { disabled: !u.disabled })}>
                  {u.disabled ? m.enable : m.disable}
                </button>
                <button type="button" class="btn secondary" onClick={() => reset(u.id)}>
                  {m.resetPassword}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
