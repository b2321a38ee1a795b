// The inspector console end to end, in real Chromium against the built app on the real
// server: the first admin comes from `npm run user:add`; a shopper's report arrives with a
// phone photo carrying GPS EXIF; the inspector signs in, finds it in the queue, sees the
// photo (no metadata left), changes its status; the shopper's receipt shows the new
// status; the admin's audit log shows the step; the stamp lookup pages a history.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../scripts/lib/app-server';
import { buildWebIfStale } from '../../scripts/lib/web-build';
import { hasGpsExif, metadataSegments } from '../helpers/jpeg-metadata';
import { hasChromium, launchPhone } from './helpers/browser';

const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? join(tmpdir(), 'nguon-viet-e2e');
const ADMIN = { email: 'truong.doan@qltt.gov.vn', password: 'mật khẩu quản trị đủ dài' };

const userAdd = (server: AppServer, args: string[], stdin: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/users/add.ts', ...args], {
      env: { ...process.env, DATABASE_PATH: server.databasePath, ISSUER_KEY_DIR: join(server.dir, 'keys'), PUBLIC_URL: server.url },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
    child.stdin.end(stdin);
  });

describe.skipIf(!hasChromium)('inspector console in Chromium', () => {
  let server: AppServer;
  beforeAll(async () => {
    buildWebIfStale(() => {});
    server = await startAppServer();
    await userAdd(server, ['--email', ADMIN.email, '--role', 'admin', '--password-stdin'], `${ADMIN.password}\n`);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a shopper files a report with a photo while offline; it uploads on reconnect with no metadata left', async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3a5' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 50/1 0/1' } })
      .toBuffer();
    const phone = await launchPhone();
    try {
      const page = await phone.context.newPage();
      await page.goto(server.url);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await page.locator('.status-bar', { hasText: /dữ liệu \d/ }).waitFor({ timeout: 30_000 });
      await page.reload();
      await phone.context.setOffline(true);
      await page.goto(`${server.url}/report?payload=${encodeURIComponent('HTTPS://EXAMPLE.VN/S/K9/NOTASTAMP')}`);
      await page.getByLabel('Nơi mua (chợ, cửa hàng)').fill('Chợ Long Biên');
      await page.getByLabel('Giá mua (đồng, không bắt buộc)').fill('120.000');
      await page.getByLabel('Mô tả (tem bị bóc, in mờ, giá rẻ bất thường…)').fill('Tem in lệch màu');
      await page.getByLabel('Ảnh tem và sản phẩm (tối đa 4 ảnh, không bắt buộc)').setInputFiles({ name: 'tem.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByText('Đã chọn 1 ảnh').waitFor();
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await page.getByRole('status').filter({ hasText: 'Chưa có mạng' }).waitFor();
      // Survives a reload while still offline (the outbox is IndexedDB).
      await page.reload();
      await page.locator('.status-bar', { hasText: '1 lượt chờ gửi' }).waitFor({ timeout: 15_000 });
      await phone.context.setOffline(false);
      await page.locator('.status-bar', { hasText: 'chờ gửi' }).waitFor({ state: 'detached', timeout: 30_000 });
    } finally {
      await phone.close();
    }
    const admin = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const cookie = admin.headers.get('set-cookie')!.split(';')[0]!;
    const list = (await (await fetch(`${server.url}/api/reports?photos=1`, { headers: { cookie } })).json()) as { items: { id: number; shop: string; price: number; photos: number }[] };
    const report = list.items.find((r) => r.shop === 'Chợ Long Biên')!;
    expect(report).toMatchObject({ price: 120000, photos: 1 });
    const stored = new Uint8Array(await (await fetch(`${server.url}/api/reports/${report.id}/photos/1`, { headers: { cookie } })).arrayBuffer());
    expect(hasGpsExif(stored)).toBe(false);
    expect(metadataSegments(stored)).toEqual([]);
  });

  it('a report with a GPS-tagged photo is triaged in the console and the shopper sees the new status by receipt', async () => {
    const original = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#a33' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 2/1 11/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' } })
      .toBuffer();
    expect(hasGpsExif(original)).toBe(true);
    const form = new FormData();
    form.append('clientReportId', 'e2e-console-report-1');
    form.append('note', 'Tem dán đè lên tem cũ');
    form.append('shop', 'Chợ Đồng Xuân');
    form.append('photos', new Blob([new Uint8Array(original)], { type: 'image/jpeg' }), 'anh.jpg');
    const filed = await fetch(`${server.url}/api/reports`, { method: 'POST', body: form });
    expect(filed.status).toBe(201);
    const { receipt } = (await filed.json()) as { receipt: string };

    const phone = await launchPhone();
    try {
      const page = await phone.context.newPage();
      await page.goto(`${server.url}/inspector`);
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByLabel('Mật khẩu').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { name: 'Báo cáo của người mua' }).waitFor();
      const item = page.locator('.console-queue li', { hasText: 'Chợ Đồng Xuân' });
      await expect(item.locator('.tag').textContent()).resolves.toContain('Ảnh: 1');
      await page.screenshot({ path: join(SCREENSHOTS, 'console-queue.png'), fullPage: true });
      await item.getByRole('link').click();
      const img = page.getByRole('img', { name: 'Ảnh 1 do người mua gửi' });
      await img.waitFor();
      await page.waitForFunction(() => (document.querySelector('.console-photos img') as HTMLImageElement | null)?.naturalWidth === 1200);
      // The photo the console shows, read by the page with its own session: no metadata left.
      const bytes = await page.evaluate(async () => {
        const src = (document.querySelector('.console-photos img') as HTMLImageElement).src;
        return [...new Uint8Array(await (await fetch(src)).arrayBuffer())];
      });
      expect(hasGpsExif(new Uint8Array(bytes))).toBe(false);
      expect(metadataSegments(new Uint8Array(bytes))).toEqual([]);

      await page.getByLabel('Trạng thái').selectOption('confirmed_fake');
      await page.getByLabel('Ghi chú xử lý').fill('Đã kiểm tra tại chợ, lập biên bản');
      await page.getByRole('button', { name: 'Cập nhật' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã cập nhật.' }).waitFor();
      await expect(page.locator('h1 .badge').textContent()).resolves.toContain('Hàng giả đã xác nhận');
      await page.screenshot({ path: join(SCREENSHOTS, 'console-report.png'), fullPage: true });

      const shopper = await fetch(`${server.url}/api/reports/receipt/${receipt}`);
      expect(await shopper.json()).toEqual({ status: 'confirmed_fake', updatedAt: expect.any(String) });
      const shopperPage = await phone.context.newPage();
      await shopperPage.goto(`${server.url}/receipt?code=${receipt}`);
      await expect(shopperPage.locator('[data-report-status]').getAttribute('data-report-status')).resolves.toBe('confirmed_fake');
      await expect(shopperPage.locator('[data-report-status]').textContent()).resolves.toContain('đã xác nhận là hàng giả');
      await shopperPage.screenshot({ path: join(SCREENSHOTS, 'receipt-status.png'), fullPage: true });
      await shopperPage.close();

      await page.getByRole('link', { name: 'Nhật ký' }).click();
      await page.locator('td', { hasText: 'report.update' }).first().waitFor();
      await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('confirmed_fake');
      await page.screenshot({ path: join(SCREENSHOTS, 'console-audit.png'), fullPage: true });

      await page.getByRole('link', { name: 'Tra cứu tem' }).click();
      await page.getByPlaceholder('Số sê-ri (16 ký tự)').fill(server.demoStamps()[0]!.serial);
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByRole('heading', { name: 'Các lượt quét' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'console-stamp.png'), fullPage: true });
      console.log(`e2e screenshots: ${join(SCREENSHOTS, 'console-*.png')}`);

      await page.getByRole('link', { name: 'Cảnh báo' }).click();
      await page.getByRole('heading', { name: 'Cảnh báo cần xem trước' }).waitFor();

      // The map: Ba Đình gets two reports, drawn in its square.
      for (const n of [1, 2]) await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientReportId: `e2e-map-report-${n}`, note: 'Nghi hàng giả', place: 'vn:00004' }) });
      await page.getByRole('link', { name: 'Bản đồ' }).click();
      await page.locator('svg.report-map').waitFor();
      await expect(page.locator('svg.report-map rect').count()).resolves.toBeGreaterThan(100);
      await expect(page.locator('ol li', { hasText: 'Ba Đình: 2 báo cáo, 2 chưa xử lý xong' }).count()).resolves.toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, 'console-map.png'), fullPage: true });

      // Registry work: the import diff is shown before anything changes, then a batch is issued and revoked.
      await page.getByRole('link', { name: 'Danh bạ & tem' }).click();
      const marks = readFileSync('data/marks.csv', 'utf8').replace(',trước năm 2023,', ',trước năm 2023 (kiểm tra e2e),');
      await page.getByLabel('Chọn tệp').setInputFiles({ name: 'marks.csv', mimeType: 'text/csv', buffer: Buffer.from(marks) });
      await page.getByRole('button', { name: 'Xem so sánh (chưa thay đổi gì)' }).click();
      await page.locator('.import-diff', { hasText: 'marks: 0 thêm mới, 1 thay đổi' }).waitFor();
      await expect(page.locator('.import-diff').textContent()).resolves.toContain('mk-ga-mia-son-tay');
      await page.screenshot({ path: join(SCREENSHOTS, 'console-import-diff.png'), fullPage: true });
      await page.getByRole('button', { name: 'Áp dụng thay đổi' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã áp dụng: 0 thêm mới, 1 thay đổi.' }).waitFor();
      const products = (await (await fetch(`${server.url}/api/products?q=ga&limit=1`)).json()) as { items: { id: string }[] };
      await page.getByLabel('Mã sản phẩm').fill(products.items[0]!.id);
      await page.getByLabel('Số tem (tối đa 2.000)').fill('5');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Phát hành và tải tờ in (PDF)' }).click();
      const sheet = await download;
      expect(sheet.suggestedFilename()).toMatch(/\.pdf$/);
      const issued = await page.getByRole('status').filter({ hasText: 'Đã phát hành lô' }).textContent();
      const batchId = /lô (\S+);/.exec(issued ?? '')![1]!;
      await page.getByLabel('Mã lô, hoặc số sê-ri của một tem').fill(batchId);
      await page.getByLabel('Lý do (người mua sẽ thấy)').fill('Cuộn tem bị mất cắp');
      await page.getByRole('button', { name: 'Thu hồi', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Đã thu hồi 5 tem.' }).waitFor();
      await page.getByRole('link', { name: 'Nhật ký' }).click();
      await page.locator('td', { hasText: 'batch.revoke' }).first().waitFor();
      const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(actions.slice(0, 3)).toEqual(['batch.revoke', 'batch.issue', 'registry.import']);
      await page.screenshot({ path: join(SCREENSHOTS, 'console-audit-registry.png'), fullPage: true });

      // A cross-site form cannot change anything with the session cookie alone.
      const forged = await page.evaluate(async () => {
        const res = await fetch('/api/reports/1', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'not_fake' }) });
        return res.status;
      });
      expect(forged).toBe(403);

      await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
      await page.getByRole('heading', { name: 'Đăng nhập cán bộ quản lý thị trường' }).waitFor();
      expect((await fetch(`${server.url}/api/reports`)).status).toBe(401);
    } finally {
      await phone.close();
    }
  });
});
