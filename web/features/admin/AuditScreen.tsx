// Admins read the audit log (newest first, page by page) and download it as CSV.
import { useEffect, useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import { consoleApi, type AuditPage } from '../inspector/console-api';
import type { ConsoleProps } from '../inspector/InspectorConsole';

const brief = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v));

export function AuditScreen({ m }: ConsoleProps) {
  const { lang } = useI18n();
  const [items, setItems] = useState<AuditPage['items']>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (before?: number) => {
    const r = await consoleApi.audit(before);
    if (!r.ok) return setError(pick(lang, { message_vi: r.error.message_vi, message_en: r.error.message }));
    setItems((prev) => (before ? [...prev, ...r.data.items] : r.data.items));
    setNext(r.data.nextBefore);
  };
  useEffect(() => {
    void load();
  }, []);
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
  return (
    <section>
      <h1>{m.auditTitle}</h1>
      <a class="btn secondary" href="/api/admin/audit/export.csv" download>
        {m.auditExport}
      </a>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="console-table">
        <table>
          <thead>
            <tr>
              <th scope="col">{m.auditWhen}</th>
              <th scope="col">{m.auditWho}</th>
              <th scope="col">{m.auditWhat}</th>
              <th scope="col">{m.auditTarget}</th>
              <th scope="col">{m.auditChange}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{when(e.at)}</td>
                <td>{e.actorEmail}</td>
                <td class="code">{e.action}</td>
                <td>{`${e.targetType}${e.targetId ? ` ${e.targetId}` : ''}`}</td>
                <td class="code small">{`${brief(e.before)} → ${brief(e.after)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? (
        <button type="button" class="btn secondary" onClick={() => load(next)}>
          {m.more}
        </button>
      ) : null}
    </section>
  );
}
