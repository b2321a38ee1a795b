// The console's calls, through the app's one typed client. Every change carries the
// session's CSRF token (the cookie alone is not enough for the server).
import { api } from '../../api/api';

export interface ApiFailure {
  ok: false;
  status: number;
  error: { code: string; message: string; message_vi: string };
}
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

interface Responding {
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
}
type BodyOf<R extends Responding> = Awaited<ReturnType<R['json']>>;

const hasError = (body: unknown): body is { error: ApiFailure['error'] } => typeof body === 'object' && body !== null && 'error' in body;

/** Read a typed response: its success body, or the API's error shape. */
export async function read<R extends Responding>(request: Promise<R>): Promise<ApiResult<Exclude<BodyOf<R>, { error: unknown }>>> {
  try {
    const res = await request;
    const body = await res.json();
    if (hasError(body)) return { ok: false, status: res.status, error: body.error };
    if (!res.ok) return { ok: false, status: res.status, error: { code: `http_${res.status}`, message: `HTTP ${res.status}`, message_vi: `Lỗi ${res.status}` } };
    return { ok: true, data: body as Exclude<BodyOf<R>, { error: unknown }> };
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: 'No connection', message_vi: 'Không kết nối được máy chủ' } };
  }
}

let csrfToken = '';
/** Remember the session's CSRF token (from sign-in or the session check). */
export const setCsrf = (token: string) => {
  csrfToken = token;
};
const csrf = () => ({ headers: { 'x-csrf-token': csrfToken } });

export type ReportStatus = 'new' | 'verifying' | 'confirmed_fake' | 'not_fake' | 'duplicate';
export const REPORT_STATUSES: ReportStatus[] = ['new', 'verifying', 'confirmed_fake', 'not_fake', 'duplicate'];

export const consoleApi = {
  session: () => read(api.api.auth.session.$get()),
  login: (email: string, password: string) => read(api.api.auth.login.$post({ json: { email, password } })),
  logout: () => read(api.api.auth.logout.$post({}, csrf())),
  logoutEverywhere: () => read(api.api.auth['logout-everywhere'].$post({}, csrf())),
  changePassword: (current: string, next: string) => read(api.api.auth.password.$post({ json: { current, next } }, csrf())),
  reports: (query: { status?: ReportStatus; photos?: '1' | '0'; serial?: string; limit: string; offset: string }) => read(api.api.reports.$get({ query })),
  report: (id: number) => read(api.api.reports[':id'].$get({ param: { id: String(id) } })),
  changeReport: (id: number, json: { status?: ReportStatus; assigneeId?: number | null; duplicateOf?: number | null; note?: string }) =>
    read(api.api.reports[':id'].$patch({ param: { id: String(id) }, json }, csrf())),
  stampHistory: (serial: string, cursor?: string) => read(api.api.inspector.stamps[':serial'].history.$get({ param: { serial }, query: cursor ? { cursor } : {} })),
  reportMap: () => read(api.api.inspector.map.$get()),
  alerts: () => read(api.api.inspector.alerts.$get()),
  users: () => read(api.api.admin.users.$get()),
  invite: (email: string, role: 'inspector' | 'admin') => read(api.api.admin.users.$post({ json: { email, role } }, csrf())),
  changeUser: (id: number, json: { role?: 'inspector' | 'admin'; disabled?: boolean }) => read(api.api.admin.users[':id'].$patch({ param: { id: String(id) }, json }, csrf())),
  resetPassword: (id: number) => read(api.api.admin.users[':id']['reset-password'].$post({ param: { id: String(id) } }, csrf())),
  importDryRun: (files: { name: string; text: string }[]) => read(api.api.admin.import['dry-run'].$post({ json: { files } }, csrf())),
  importApply: (files: { name: string; text: string }[], expectedVersion: number) => read(api.api.admin.import.apply.$post({ json: { files, expectedVersion } }, csrf())),
  /** The batch's printable PDF (the only copy of any PINs), or the API's error. */
  issueBatch: async (json: { productId: string; count: number; withPin: boolean }): Promise<ApiResult<{ batchId: string; pdf: Blob }>> => {
    try {
      const res = await api.api.admin.batches.$post({ json }, csrf());
      if (res.status !== 201) {
        const r = await read(Promise.resolve(res));
        return r.ok ? { ok: false, status: res.status, error: { code: `http_${res.status}`, message: `HTTP ${res.status}`, message_vi: `Lỗi ${res.status}` } } : r;
      }
      return { ok: true, data: { batchId: res.headers.get('x-batch-id') ?? 'batch', pdf: await res.blob() } };
    } catch {
      return { ok: false, status: 0, error: { code: 'network', message: 'No connection', message_vi: 'Không kết nối được máy chủ' } };
    }
  },
  keys: () => read(api.api.admin.keys.$get()),
  rotateKey: (issuerId: string) => read(api.api.admin.issuers[':id'].rotate.$post({ param: { id: issuerId } }, csrf())),
  revokeKey: (kid: string, reason: string) => read(api.api.admin.keys[':kid'].revoke.$post({ param: { kid }, json: { reason } }, csrf())),
  revokeBatch: (id: string, reason: string) => read(api.api.admin.batches[':id'].revoke.$post({ param: { id }, json: { reason } }, csrf())),
  revokeStamp: (serial: string, reason: string) => read(api.api.admin.stamps[':serial'].revoke.$post({ param: { serial }, json: { reason } }, csrf())),
  audit: (before?: number) => read(api.api.admin.audit.$get({ query: before ? { before: String(before) } : {} })),
};

type Data<F extends (...a: never[]) => Promise<ApiResult<unknown>>> = Extract<Awaited<ReturnType<F>>, { ok: true }>['data'];
export type ConsoleSession = Data<typeof consoleApi.session>;
export type ReportPage = Data<typeof consoleApi.reports>;
export type ReportDetailData = Data<typeof consoleApi.report>;
export type StampHistoryData = Data<typeof consoleApi.stampHistory>;
export type UserList = Data<typeof consoleApi.users>;
export type AuditPage = Data<typeof consoleApi.audit>;
export type AlertList = Data<typeof consoleApi.alerts>;
export type KeyList = Data<typeof consoleApi.keys>;
export type DryRunData = Data<typeof consoleApi.importDryRun>;
