// Reports with photos and their workflow: shoppers file (JSON or multipart) and read their
// status by receipt; inspectors list, read, change status, assign and note; the photos
// stored have no metadata left.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/test-runtime';
import { addUser, signIn, type SignedInAs } from '../helpers/staff';
import { hasGpsExif, metadataSegments } from '../helpers/jpeg-metadata';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
let inspector: SignedInAs;
let admin: SignedInAs;
beforeAll(async () => {
  t = await createTestRuntime();
  await addUser(t.runtime, 'thanh.tra@qltt.gov.vn', 'inspector');
  await addUser(t.runtime, 'admin@qltt.gov.vn', 'admin');
  inspector = await signIn(t.app, 'thanh.tra@qltt.gov.vn');
  admin = await signIn(t.app, 'admin@qltt.gov.vn');
});
afterAll(() => t.cleanup());

/** A phone photo: JPEG with the maker, model and GPS position of a market in Hoàn Kiếm. */
const phonePhoto = () =>
  sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#b22' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'X1', Artist: 'Nguyễn Văn A' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 2/1 11/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' },
    })
    .toBuffer();

const postJson = (body: unknown) => t.app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const postForm = (fields: Record<string, string | string[]>, photos: { bytes: Uint8Array; type: string; name?: string }[]) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  for (const p of photos) form.append('photos', new Blob([p.bytes as BlobPart], { type: p.type }), p.name ?? 'photo.jpg');
  return t.app.request('/api/reports', { method: 'POST', body: form });
};
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message_vi: string } }).error;

describe('reports from shoppers', () => {
  it('a JSON report answers with a short receipt; the receipt shows the status and nothing else', async () => {
    const res = await postJson({ clientReportId: 'receipt-test-0001', note: 'Tem in mờ', shop: 'Chợ Hôm', contact: '0912 345 678' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { receipt: string; status: string };
    expect(body.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const lookup = await t.app.request(`/api/reports/receipt/${body.receipt.toLowerCase()}`);
    expect(lookup.status).toBe(200);
    const shown = (await lookup.json()) as Record<string, unknown>;
    expect(Object.keys(shown).sort()).toEqual(['status', 'updatedAt']);
    expect(shown.status).toBe('new');
    // The re-send gives the same receipt.
    const again = (await (await postJson({ clientReportId: 'receipt-test-0001', note: 'x' })).json()) as { receipt: string };
    expect(again.receipt).toBe(body.receipt);
    expect((await t.app.request('/api/reports/receipt/ZZZZZZZZZZ')).status).toBe(404);
    expect((await t.app.request('/api/reports/receipt/not*a*receipt')).status).toBe(404);
  });

  it('a multipart report keeps its photos re-encoded with no EXIF, GPS or other metadata left', async () => {
    const original = await phonePhoto();
    expect(hasGpsExif(original)).toBe(true);
    expect(metadataSegments(original)).toContain(0xe1);
    const png = await sharp({ create: { width: 50, height: 50, channels: 4, background: '#0000' } }).png().toBuffer();
    const res = await postForm(
      { clientReportId: 'photo-report-0001', payload: 'HTTPS://NGUONVIET.VN/S/K1/ABC', verdict: 'unverified', reasons: ['bad_signature', 'key_unknown'], price: '125000', shop: 'Chợ Đồng Xuân', note: 'Tem dán lệch' },
      [{ bytes: original, type: 'image/jpeg' }, { bytes: png, type: 'image/png', name: 'x.png' }],
    );
    expect(res.status).toBe(201);
    expect(((await res.json()) as { photos: number }).photos).toBe(2);
    const list = (await (await t.app.request('/api/reports?photos=1', { headers: { cookie: inspector.cookie } })).json()) as { items: { id: number; clientReportId: string; photos: number; price: number; reasons: string[] }[] };
    const item = list.items.find((r) => r.clientReportId === 'photo-report-0001')!;
    expect(item).toMatchObject({ photos: 2, price: 125000, reasons: ['bad_signature', 'key_unknown'] });
    const detail = (await (await t.app.request(`/api/reports/${item.id}`, { headers: { cookie: inspector.cookie } })).json()) as { photoList: { url: string; width: number; height: number }[] };
    expect(detail.photoList.map((p) => [p.width, p.height])).toEqual([[1600, 1200], [50, 50]]);
    const photo = await t.app.request(detail.photoList[0]!.url, { headers: { cookie: inspector.cookie } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const stored = new Uint8Array(await photo.arrayBuffer());
    expect(hasGpsExif(stored)).toBe(false);
    expect(metadataSegments(stored)).toEqual([]);
    expect(Buffer.from(stored).includes('PhoneCo')).toBe(false);
    // Photos are for inspectors only.
    expect((await t.app.request(detail.photoList[0]!.url)).status).toBe(401);
    // The case export fingerprints each stored photo.
    const csv = await (await t.app.request(`/api/reports/${item.id}/export.csv`, { headers: { cookie: inspector.cookie } })).text();
    expect(csv).toContain(`https://nguonviet.vn/api/reports/${item.id}/photos/1 sha256=${createHash('sha256').update(stored).digest('hex')}`);
  });

  it.each([
    ['a GIF', new Uint8Array(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary')), 415, 'unsupported_photo_type'],
    ['an HTML file named .jpg', new Uint8Array(Buffer.from('<html><script>alert(1)</script></html>')), 415, 'unsupported_photo_type'],
    ['a truncated JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]), 400, 'bad_photo'],
  ])('refuses %s and stores nothing', async (_what, bytes, status, code) => {
    const before = t.runtime.db.prepare('SELECT COUNT(*) FROM reports').pluck().get();
    const res = await postForm({ clientReportId: `bad-photo-${code}-${status}-${bytes.length}`, note: 'x' }, [{ bytes, type: 'image/jpeg' }]);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(t.runtime.db.prepare('SELECT COUNT(*) FROM reports').pluck().get()).toBe(before);
  });

  it('refuses an upload over the size limit with a 413 in the error shape, and too many photos with a 400', async () => {
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff]);
    const res = await postForm({ clientReportId: 'too-big-0001', note: 'x' }, [{ bytes: big, type: 'image/jpeg' }]);
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'payload_too_large' });
    const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const many = await postForm({ clientReportId: 'too-many-0001', note: 'x' }, Array.from({ length: 5 }, () => ({ bytes: small, type: 'image/jpeg' })));
    expect(many.status).toBe(400);
    expect((await errorOf(many)).code).toBe('too_many_photos');
    const badField = await postForm({ clientReportId: 'bad-field-0001', note: 'x', price: 'mười nghìn' }, []);
    expect(badField.status).toBe(400);
    expect((await errorOf(badField)).code).toBe('invalid_request');
  });

});

describe('the inspectors\' workflow', () => {
  it('anonymous callers cannot list or read reports', async () => {
    expect((await t.app.request('/api/reports')).status).toBe(401);
    expect((await t.app.request('/api/reports/1')).status).toBe(401);
    expect((await errorOf(await t.app.request('/api/reports'))).message_vi).toBe('Vui lòng đăng nhập');
  });

  it('counts reports per Hanoi ward for the map, open ones apart', async () => {
    const place = t.runtime.db.prepare("SELECT id FROM places WHERE era = 'current' AND parent_id = 'vn:p01' AND level IN ('ward', 'commune') ORDER BY id LIMIT 1").pluck().get() as string;
    await postJson({ clientReportId: 'map-report-0001', note: 'x', place });
    await postJson({ clientReportId: 'map-report-0002', note: 'y', place });
    const map = (await (await t.app.request('/api/inspector/map', { headers: { cookie: inspector.cookie } })).json()) as { places: { id: string; reports: number; open: number; group: string | null }[] };
    expect(map.places.length).toBeGreaterThan(100);
    expect(map.places.find((p) => p.id === place)).toMatchObject({ reports: 2, open: 2, group: expect.any(String) });
    expect(map.places.filter((p) => p.reports > 0)).toHaveLength(1);
  });

  it('raises alerts for a serial reported from several phones and a burst of unverified reports in one ward', async () => {
    const place = t.runtime.db.prepare("SELECT id FROM places WHERE era = 'current' AND parent_id = 'vn:p01' AND level = 'ward' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    const productId = t.runtime.db.prepare('SELECT id FROM products LIMIT 1').pluck().get() as string;
    const { stamps } = await t.runtime.issuing.issueBatch({ productId, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
    for (let i = 0; i < 3; i++) {
      await postJson({ clientReportId: `alert-report-000${i}`, payload: stamps[0]!.url, verdict: 'unverified', deviceId: `alert-phone-${i}-xyz`, place, note: 'x' });
    }
    const { items } = (await (await t.app.request('/api/inspector/alerts', { headers: { cookie: inspector.cookie } })).json()) as { items: { kind: string; serial?: string; devices?: number; placeId?: string; placeName?: string; reports: number }[] };
    expect(items).toContainEqual(expect.objectContaining({ kind: 'serial_reported_often', serial: stamps[0]!.serial, reports: 3, devices: 3 }));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'unverified_burst', placeId: place, reports: 3, placeName: expect.any(String) }));
  });

  it('lists with filters and pages', async () => {
    for (let i = 0; i < 5; i++) await postJson({ clientReportId: `page-report-000${i}`, note: `báo cáo ${i}` });
    const page1 = (await (await t.app.request('/api/reports?limit=2&status=new', { headers: { cookie: inspector.cookie } })).json()) as { items: { id: number }[]; total: number };
    const page2 = (await (await t.app.request('/api/reports?limit=2&offset=2&status=new', { headers: { cookie: inspector.cookie } })).json()) as { items: { id: number }[]; total: number };
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThanOrEqual(5);
    expect(page2.items.map((r) => r.id)).not.toContain(page1.items[0]!.id);
    expect((await t.app.request('/api/reports?status=fake', { headers: { cookie: inspector.cookie } })).status).toBe(400);
    expect((await t.app.request('/api/reports?limit=100000', { headers: { cookie: inspector.cookie } })).status).toBe(400);
  });

  it('moves a report through the workflow with notes and assignment; the shopper sees the new status by receipt; each step is audited', async () => {
    const filed = (await (await postJson({ clientReportId: 'workflow-0001', note: 'Nghi hàng giả' })).json()) as { receipt: string };
    const { items } = (await (await t.app.request('/api/reports?limit=100', { headers: { cookie: inspector.cookie } })).json()) as { items: { id: number; clientReportId: string }[] };
    const id = items.find((r) => r.clientReportId === 'workflow-0001')!.id;
    const patch = (who: SignedInAs, body: unknown) => t.app.request(`/api/reports/${id}`, { method: 'PATCH', headers: who.headers(), body: JSON.stringify(body) });

    const verifying = await patch(inspector, { status: 'verifying', assigneeId: inspector.userId, note: 'Đã liên hệ cửa hàng' });
    expect(verifying.status).toBe(200);
    expect(await verifying.json()).toMatchObject({ status: 'verifying', assignee: { email: 'thanh.tra@qltt.gov.vn' }, notes: [{ author: 'thanh.tra@qltt.gov.vn', body: 'Đã liên hệ cửa hàng' }] });
    expect(((await (await t.app.request(`/api/reports/receipt/${filed.receipt}`)).json()) as { status: string }).status).toBe('verifying');

    expect((await errorOf(await patch(inspector, { status: 'duplicate' }))).code).toBe('duplicate_needs_original');
    expect((await errorOf(await patch(inspector, { assigneeId: 99999 }))).code).toBe('unknown_assignee');
    expect((await patch(inspector, { status: 'closed' })).status).toBe(400);
    expect((await patch(inspector, {})).status).toBe(400);

    const confirmed = await patch(admin, { status: 'confirmed_fake', note: 'Tem giả, đã lập biên bản' });
    expect(confirmed.status).toBe(200);
    expect(((await (await t.app.request(`/api/reports/receipt/${filed.receipt}`)).json()) as { status: string }).status).toBe('confirmed_fake');

    const audit = t.runtime.deps.staff.audit.list({ limit: 50, action: 'report.update' }).filter((e) => e.targetId === String(id));
    expect(audit.map((e) => [e.actorEmail, (e.before as { status: string }).status, (e.after as { status: string }).status])).toEqual([
      ['admin@qltt.gov.vn', 'verifying', 'confirmed_fake'],
      ['thanh.tra@qltt.gov.vn', 'new', 'verifying'],
    ]);
    expect((await t.app.request('/api/reports/424242', { headers: { cookie: inspector.cookie } })).status).toBe(404);

    // The case as CSV, with its notes; the export itself is audited.
    const csv = await t.app.request(`/api/reports/${id}/export.csv`, { headers: { cookie: inspector.cookie } });
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="report-${id}.csv"`);
    const text = await csv.text();
    expect(text).toContain('report,status,confirmed_fake');
    expect(text).toContain('Tem giả, đã lập biên bản');
    expect(t.runtime.deps.staff.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'report.export', actorEmail: 'thanh.tra@qltt.gov.vn' });
  });
});

describe('receipts', () => {
  it('limits receipt lookups per address', async () => {
    let limited = 0;
    for (let i = 0; i < 40; i++) if ((await t.app.request('/api/reports/receipt/AAAAAAAAAA')).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
  });
});
