// What a shopper reads, in real Chromium on a 390 px phone against the built app on the
// real server: a Vietnamese product page with no English and no file names, a 2019
// certificate with its year and expiry, a partial search match said as such, the
// not-found screens, a history list that never scrolls sideways, and the stamp page.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../scripts/lib/app-server';
import { buildWebIfStale } from '../../scripts/lib/web-build';
import { hasChromium, launchPhone } from './helpers/browser';

const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? join(tmpdir(), 'nguon-viet-e2e');
const WIDTH = 390;

// Words of English prose and the gathered dataset's file references, none of which belong on a Vietnamese page.
const ENGLISH = /\b(the|and|of|not|named|source|sources|listed|products?|first|also|by|with|from|valid|until|unknown|stars?|score|council)\b/i;
const FILE_NAMES = /registry\/|\.csv\b|\.json\b|\bline \d+/i;

describe.skipIf(!hasChromium)('what a shopper reads (Chromium, 390 px)', () => {
  let server: AppServer;

  beforeAll(async () => {
    buildWebIfStale(() => {});
    server = await startAppServer();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const shot = async (page: Page, name: string) => {
    const path = join(SCREENSHOTS, name);
    await page.screenshot({ path, fullPage: true });
    console.log(`e2e screenshot: ${path}`);
  };
  const productId = async (q: string) => {
    const res = await fetch(`${server.url}/api/products?q=${encodeURIComponent(q)}&limit=1`);
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  };
  const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('a Vietnamese product page has no English and no file names; its 2019 certificate shows the year and "đã hết hạn"', async () => {
    const phone = await launchPhone({ width: WIDTH });
    try {
      const page = await phone.context.newPage();
      await page.goto(`${server.url}/product/${encodeURIComponent(await productId('ga doi ba vi'))}`);
      await page.locator('.product-name', { hasText: 'Gà đồi Ba Vì' }).waitFor({ timeout: 30_000 });
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(text).not.toMatch(FILE_NAMES);
      expect(text.match(ENGLISH)).toBeNull();
      expect(text).toContain('Năm công nhận 2019');
      expect(text).toContain('Đã hết hạn — muộn nhất 31/12/2022');
      expect(text).toMatch(/Nguồn: Báo Dân Việt — xem văn bản gốc/);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'product-2019-certificate.png');
    } finally {
      await phone.close();
    }
  });

  it('the marks page says who applied for a mark and that no source names its producers', async () => {
    const phone = await launchPhone({ width: WIDTH });
    try {
      const page = await phone.context.newPage();
      await page.goto(`${server.url}/marks`);
      const mark = page.locator('li', { hasText: 'Thanh long ruột đỏ (Ba Vì)' });
      await mark.waitFor({ timeout: 30_000 });
      const text = await mark.innerText();
      expect(text).toContain('cho phép Hội Nông dân xã Cẩm Lĩnh dùng địa danh để đăng ký nhãn hiệu này');
      expect(text).toContain('Nguồn không nêu cơ sở sản xuất nào được dùng nhãn này.');
      expect(text).not.toMatch(FILE_NAMES);
      await mark.screenshot({ path: join(SCREENSHOTS, 'mark-applicant.png') });
      console.log(`e2e screenshot: ${join(SCREENSHOTS, 'mark-applicant.png')}`);
    } finally {
      await phone.close();
    }
  });

  it('"nhan dai thanh" says which words matched and labels the results as partial matches', async () => {
    const phone = await launchPhone({ width: WIDTH });
    try {
      const page = await phone.context.newPage();
      await page.goto(`${server.url}/directory?q=${encodeURIComponent('nhan dai thanh')}`);
      const notice = page.locator('.partial-match');
      await notice.waitFor({ timeout: 30_000 });
      const said = await notice.innerText();
      expect(said).toContain('“nhan”');
      expect(said).toContain('“dai thanh”');
      expect(await page.locator('.product-item').count()).toBeGreaterThan(0);
      expect(await page.locator('.product-item .tag.partial').count()).toBe(await page.locator('.product-item').count());
      await shot(page, 'search-partial-match.png');
    } finally {
      await phone.close();
    }
  });

  it('an unknown path answers 404 with a not-found screen and a way on; a missing product links back to the directory', async () => {
    const phone = await launchPhone({ width: WIDTH });
    try {
      const page = await phone.context.newPage();
      const res = await page.goto(`${server.url}/khong-co-trang-nay`);
      expect(res?.status()).toBe(404);
      await page.locator('[data-screen="not-found"]').waitFor({ timeout: 30_000 });
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Không có trang này');
      expect(await page.locator('[data-screen="not-found"] a[href="/"]').count()).toBe(1);
      await shot(page, 'not-found.png');

      await page.goto(`${server.url}/product/khong-co-san-pham-nay`);
      await page.locator('[data-screen="not-found"] a[href="/directory"]').waitFor({ timeout: 30_000 });
      await shot(page, 'product-not-found.png');
    } finally {
      await phone.close();
    }
  });

  it('the history list has no horizontal scroll with a 200-character code, at 390 and 360 px', async () => {
    const phone = await launchPhone({ width: WIDTH });
    try {
      const page = await phone.context.newPage();
      await page.goto(server.url);
      const code = 'NGUONVIET'.repeat(23).slice(0, 200);
      await page.locator('#manual-code').fill(code);
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      await page.locator('[data-verdict]').waitFor({ timeout: 30_000 });
      await page.goto(`${server.url}/history`);
      await page.locator('.history-item').first().waitFor({ timeout: 30_000 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'history-long-code-390.png');
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'history-long-code-360.png');
    } finally {
      await phone.close();
    }
  });

  it('the stamp page has the brand, a filled verdict box, the DEMO label and the time as "lúc … ngày …"', async () => {
    const stamp = server.demoStamps()[0]!;
    const phone = await launchPhone({ width: WIDTH });
    try {
      const page = await phone.context.newPage();
      await page.goto(stamp.url);
      await expect(page.locator('header .brand').innerText()).resolves.toBe('Nguồn Việt');
      const box = page.locator('.v[data-verdict]');
      expect(await box.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
      await expect(page.locator('.demo').innerText()).resolves.toContain('TEM MẪU (DEMO)');
      expect(await page.locator('main').innerText()).toMatch(/Kiểm tra lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'stamp-page.png');
    } finally {
      await phone.close();
    }
  });
});
