// One report: what the shopper sent (photos included), its notes, and the workflow form.
import { useEffect, useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import type { ConsoleProps } from './InspectorConsole';
import { consoleApi, REPORT_STATUSES, type ReportDetailData, type ReportStatus } from './console-api';
import { StatusBadge } from './StatusBadge';

export function ReportDetail({ m, session, id }: ConsoleProps & { id: number }) {
  const { lang } = useI18n();
  const [report, setReport] = useState<ReportDetailData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState<ReportStatus>('new');
  const [note, setNote] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const fail = (e: { message_vi: string; message: string }) => setError(pick(lang, { message_vi: e.message_vi, message_en: e.message }));
  const show = (r: ReportDetailData) => {
    setReport(r);
    setStatus(r.status);
    setDuplicateOf(r.duplicateOf ? String(r.duplicateOf) : '');
  };

  useEffect(() => {
    consoleApi.report(id).then((r) => (r.ok ? show(r.data) : fail(r.error)));
  }, [id]);

  const save = async (e: Event, assign?: number | null) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    const r = await consoleApi.changeReport(id, {
      ...(report && status !== report.status ? { status } : {}),
      ...(status === 'duplicate' && duplicateOf ? { duplicateOf: Number(duplicateOf) } : {}),
      ...(assign !== undefined ? { assigneeId: assign } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (!r.ok) return fail(r.error);
    show(r.data);
    setNote('');
    setSaved(true);
  };

  if (!report) return error ? <p class="error" role="alert">{error}</p> : <p class="loading">…</p>;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
  const facts: [string, string | null][] = [
    [m.receivedAt, when(report.receivedAt)],
    [m.code, report.payload],
    [m.verdict, report.verdict ? `${report.verdict}${report.reasons.length ? ` (${report.reasons.join(', ')})` : ''}` : null],
    [m.shop, report.shop],
    [m.price, report.price === null ? null : `${report.price.toLocaleString('vi-VN')} ₫`],
    [m.note, report.note],
    [m.contact, report.contact],
    [m.device, report.deviceLabel],
    [m.assignee, report.assignee?.email ?? m.unassigned],
  ];
  return (
    <section class="report-detail">
      <h1>
        {m.reportHeading(report.id)} <StatusBadge m={m} status={report.status} />
      </h1>
      <dl class="card facts">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd class={k === m.code ? 'code' : undefined}>{v}</dd>
            </div>
          ))}
      </dl>
      <a class="btn secondary" href={`/api/reports/${report.id}/export.csv`} download>
        {m.exportCase}
      </a>
      <h2>{m.photos}</h2>
      {report.photoList.length === 0 ? (
        <p class="muted">{m.noPhotos}</p>
      ) : (
        <div class="console-photos">
          {report.photoList.map((p) => (
            <a key={p.seq} href={p.url} target="_blank" rel="noopener">
              <img src={p.url} width={p.width} height={p.height} alt={m.photoAlt(p.seq)} loading="lazy" />
            </a>
          ))}
        </div>
      )}
      <form class="card" onSubmit={(e) => save(e)}>
        <label for="d-status">{m.filterStatus}</label>
        <select id="d-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as ReportStatus)}>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {m[`status_${s}`]}
            </option>
          ))}
        </select>
        {status === 'duplicate' ? (
          <>
            <label for="d-dup">{m.duplicateOf}</label>
            <input id="d-dup" inputMode="numeric" pattern="[0-9]+" required value={duplicateOf} onInput={(e) => setDuplicateOf(e.currentTarget.value)} />
          </>
        ) : null}
        <label for="d-note">{m.addNote}</label>
        <textarea id="d-note" rows={3} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {saved ? <p role="status" class="notice">{m.saved}</p> : null}
        <div class="console-pager">
          <button class="btn" type="submit">
            {m.saveChange}
          </button>
          {report.assignee?.id !== session.user.id ? (
            <button class="btn secondary" type="button" onClick={(e) => save(e, session.user.id)}>
              {m.assignToMe}
            </button>
          ) : null}
        </div>
      </form>
      {report.notes.length ? (
        <>
          <h2>{m.notes}</h2>
          <ul class="plain">
            {report.notes.map((n) => (
              <li key={n.id}>
                <div class="small muted">
                  {n.author} · {when(n.createdAt)}
                </div>
                <div>{n.body}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
