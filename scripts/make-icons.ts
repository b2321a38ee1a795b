// Rasterise the app icons (web/public/icons/*.svg → PNG) with Debian's Chromium. Run by
// hand when the SVGs change (`npx tsx scripts/make-icons.ts`); the PNGs are committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const OUT = 'web/public/icons';
const jobs: [svg: string, png: string, size: number][] = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
];

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [svg, png, size] of jobs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = readFileSync(`${OUT}/${svg}`, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0">${markup}</body></html>`);
    await page.screenshot({ path: `${OUT}/${png}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`${OUT}/${png} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
