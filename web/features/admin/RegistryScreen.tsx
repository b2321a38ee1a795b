// Admins: import registry files (the diff first, then apply), issue a batch and download
// its printable sheet, revoke a batch or a stamp with a reason.
import { useEffect, useState } from 'preact/hooks';
import { pick, useI18n } from '../../i18n/i18n';
import { consoleApi, type DryRunData, type KeyList } from '../inspector/console-api';
import type { ConsoleProps } from '../inspector/InspectorConsole';

export function RegistryScreen({ m }: ConsoleProps) {
  const { lang } = useI18n();
  const [files, setFiles] = useState<{ name: string; text: string }[]>([]);
  const [diff, setDiff] = useState<DryRunData | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [productId, setProductId] = useState('');
  const [count, setCount] = useState('10');
  const [withPin, setWithPin] = useState(false);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [keys, setKeys] = useState<KeyList['items']>([]);
  const loadKeys = () => consoleApi.keys().then((r) => r.ok && setKeys(r.data.items));
  useEffect(() => {
    void loadKeys();
  }, []);
  const fail = (e: { message_vi: string; message: string }) => setError(m.failed(pick(lang, { message_vi: e.message_vi, message_en: e.message })));
  const start = () => {
    setError(null);
    setNotice(null);
  };

  const choose = async (input: HTMLInputElement) => {
    setDiff(null);
    setFiles(await Promise.all([...(input.files ?? [])].map(async (f) => ({ name: f.name, text: await f.text() }))));
  };
  const preview = async (e: Event) => {
    e.preventDefault();
    start();
    const r = await consoleApi.importDryRun(files);
    if (r.ok) setDiff(r.data);
    else fail(r.error);
  };
  const apply = async () => {
    if (!diff) return;
    start();
    const r = await consoleApi.importApply(files, diff.version);
    if (!r.ok) return fail(r.error);
    setDiff(null);
    setNotice(m.importApplied(r.data.added, r.data.changed));
  };
  const issue = async (e: Event) => {
    e.preventDefault();
    start();
    const r = await consoleApi.issueBatch({ productId: productId.trim(), count: Number(count), withPin });
    if (!r.ok) return fail(r.error);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(r.data.pdf);
    a.download = `${r.data.batchId}.pdf`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    setNotice(m.issued(r.data.batchId));
  };
  const revoke = async (e: Event) => {
    e.preventDefault();
    start();
    const t = target.trim();
    // Serials are 16 base32 characters (printed in groups of four); anything else is a batch id.
    const serial = t.toUpperCase().replace(/[\s-]/g, '');
    const r = /^[A-Z2-7]{16}$/.test(serial) ? await consoleApi.revokeStamp(serial, reason) : await consoleApi.revokeBatch(t, reason);
    if (!r.ok) return fail(r.error);
    setNotice(m.revoked(r.data.revoked));
  };

  const rotate = async (issuerId: string) => {
    start();
    const r = await consoleApi.rotateKey(issuerId);
    if (!r.ok) return fail(r.error);
    setNotice(m.rotated(r.data.kid));
    void loadKeys();
  };
  const revokeKey = async (kid: string) => {
    start();
    if (reason.trim().length < 3) return setError(m.keyReasonHint);
    const r = await consoleApi.revokeKey(kid, reason.trim());
    if (!r.ok) return fail(r.error);
    setNotice(m.keyRevoked(kid));
    void loadKeys();
  };

  return (
    <section>
      <h1>{m.registryTitle}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <form class="card" onSubmit={preview}>
        <h2>{m.importTitle}</h2>
        <label for="i-files">{m.importChoose}</label>
        <input id="i-files" type="file" accept=".csv,.json,text/csv,application/json" multiple onChange={(e) => void choose(e.currentTarget)} />
        <button class="btn secondary" type="submit" disabled={files.length === 0}>
          {m.importPreview}
        </button>
        {diff ? (
          <div class="import-diff">
            {diff.ok ? null : <p class="error">{m.importIssues}</p>}
            <ul class="plain small">
              {diff.issues.map((i, n) => (
                <li key={n} class="error">{`${i.file}:${i.line}${i.column ? ` (${i.column})` : ''} — ${i.message}`}</li>
              ))}
              {diff.diffs.map((d) => (
                <li key={d.kind}>
                  <strong>{m.diffLine(d.kind, d.added, d.changed, d.unchanged, d.removed)}</strong>
                  {d.changedRecords.map((c) => (
                    <div key={c.id} class="code">
                      {c.id}: {c.fields.map((f) => `${f.column} “${f.before ?? ''}” → “${f.after ?? ''}”`).join('; ')}
                    </div>
                  ))}
                  {d.addedIds.length ? <div class="code">+ {d.addedIds.join(', ')}</div> : null}
                </li>
              ))}
            </ul>
            {diff.ok ? (
              <button class="btn" type="button" onClick={apply}>
                {m.importApply}
              </button>
            ) : null}
          </div>
        ) : null}
      </form>
      <form class="card" onSubmit={issue}>
        <h2>{m.issueTitle}</h2>
        <label for="b-product">{m.productId}</label>
        <input id="b-product" required maxLength={200} value={productId} onInput={(e) => setProductId(e.currentTarget.value)} />
        <label for="b-count">{m.count}</label>
        <input id="b-count" type="number" min={1} max={2000} required value={count} onInput={(e) => setCount(e.currentTarget.value)} />
        <label class="check">
          <input type="checkbox" checked={withPin} onChange={(e) => setWithPin(e.currentTarget.checked)} /> {m.withPin}
        </label>
        <button class="btn" type="submit">
          {m.issue}
        </button>
      </form>
      <form class="card" onSubmit={revoke}>
        <h2>{m.revokeTitle}</h2>
        <label for="v-target">{m.revokeTarget}</label>
        <input id="v-target" required maxLength={100} value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
        <label for="v-reason">{m.revokeReason}</label>
        <input id="v-reason" required minLength={3} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        <button class="btn danger" type="submit">
          {m.revoke}
        </button>
      </form>
      <div class="card">
        <h2>{m.keysTitle}</h2>
        <ul class="plain">
          {keys.map((k) => (
            <li key={k.kid}>
              <span class="code">{m.keyStatus(k.kid, k.issuerId, k.status)}</span>
              {k.status === 'active' ? (
                <div class="console-pager">
                  <button type="button" class="btn secondary" onClick={() => rotate(k.issuerId)}>
                    {m.rotate}
                  </button>
                  <button type="button" class="btn danger" onClick={() => revokeKey(k.kid)}>
                    {m.revokeKey}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        <p class="small muted">{m.keyReasonHint}</p>
      </div>
    </section>
  );
}
