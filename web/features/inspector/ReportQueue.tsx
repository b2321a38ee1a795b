// The report queue: newest first, filtered by status, photos and stamp serial, paged. The
// filters live in the address so a link or the back button keeps them.
import { useEffect, useState } from 'preact/hooks';
import { navigate, useLocation } from '../../app/router';
import { pick, useI18n } from '../../i18n/i18n';
import type { ConsoleProps } from './InspectorConsole';
import { consoleApi, REPORT_STATUSES, type ReportPage } from './console-api';
import { StatusBadge } from './StatusBadge';

const PAGE = 20;

export function ReportQueue({ m }: ConsoleProps) {
  const { lang } = useI18n();
  const { query } = useLocation();
  const status = REPORT_STATUSES.find((s) => s === query.get('status'));
  const photos = query.get('photos') === '1' ? ('1' as const) : undefined;
  const serial = query.get('serial') ?? '';
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const [page, setPage] = useState<ReportPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    consoleApi
      .reports({ ...(status ? { status } : {}), ...(photos ? { photos } : {}), ...(serial ? { serial } : {}), limit: String(PAGE), offset: String(offset) })
      .then((r) => {
        if (!live) return;
        if (r.ok) setPage(r.data);
        else setError(pick(lang, { message_vi: r.error.message_vi, message_en: r.error.message }));
      });
    return () => {
      live = false;
    };
  }, [status, photos, serial, offset]);

  const go = (change: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    const next = { status, photos, serial: serial || undefined, offset: undefined as string | undefined, ...change };
    for (const [k, v] of Object.entries(next)) if (v) q.set(k, v);
    navigate(`/inspector${q.size ? `?${q}` : ''}`);
  };
  const applyFilters = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    go({ status: String(form.get('status') ?? '') || undefined, photos: form.get('photos') ? '1' : undefined, serial: String(form.get('serial') ?? '').trim() || undefined });
  };

  return (
    <section>
      <h1>{m.queueTitle}</h1>
      <form class="card console-filters" onSubmit={applyFilters} key={`${status}|${photos}|${serial}`}>
        <label for="q-status">{m.filterStatus}</label>
        <select id="q-status" name="status" value={status ?? ''}>
          <option value="">{m.filterAll}</option>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {m[`status_${s}`]}
            </option>
          ))}
        </select>
        <label for="q-serial">{m.filterSerial}</label>
        <input id="q-serial" name="serial" maxLength={64} defaultValue={serial} />
        <label class="check">
          <input type="checkbox" name="photos" defaultChecked={photos === '1'} /> {m.filterPhotos}
        </label>
        <button class="btn secondary" type="submit">
          {m.filterApply}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!page ? (
        <p class="loading">…</p>
      ) : page.items.length === 0 ? (
        <p>{m.queueEmpty}</p>
      ) : (
        <>
          <p class="muted small" role="status">
            {m.queueCount(Math.min(page.total, offset + page.items.length), page.total)}
          </p>
          <ul class="plain console-queue">
            {page.items.map((r) => (
              <li key={r.id}>
                <a href={`/inspector/reports/${r.id}`}>{m.reportHeading(r.id)}</a> <StatusBadge m={m} status={r.status} />
                {r.photos > 0 ? <span class="tag">{`${m.photos}: ${r.photos}`}</span> : null}
                <div class="small muted">
                  {new Date(r.receivedAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' })}
                  {r.shop ? ` · ${r.shop}` : ''}
                  {r.assignee ? ` · ${r.assignee.email}` : ''}
                </div>
                {r.note ? <div class="small">{r.note}</div> : null}
              </li>
            ))}
          </ul>
          <div class="console-pager">
            {offset > 0 ? (
              <button type="button" class="btn secondary" onClick={() => go({ offset: String(Math.max(0, offset - PAGE)) })}>
                {m.prev}
              </button>
            ) : null}
            {offset + page.items.length < page.total ? (
              <button type="button" class="btn secondary" onClick={() => go({ offset: String(offset + PAGE) })}>
                {m.next}
              </button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
