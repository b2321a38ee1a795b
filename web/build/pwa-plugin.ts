// The service worker and web app manifest (Workbox generateSW via vite-plugin-pwa).
// The shell and the scanner's .wasm are precached so the app opens and scans with no
// signal; registry data lives in IndexedDB (web/offline/), not in the HTTP cache.
import { VitePWA } from 'vite-plugin-pwa';

export function pwaPlugin() {
  return VitePWA({
    registerType: 'autoUpdate',
    // Registered from web/app/register-sw.ts after first paint, not by an injected script.
    injectRegister: false,
    manifest: {
      name: 'Nguồn Việt — kiểm tra tem chống giả',
      short_name: 'Nguồn Việt',
      description: 'Quét tem chống giả, tra cứu sản phẩm OCOP, nhãn hiệu và giải thưởng. Scan anti-counterfeit stamps and look up OCOP products.',
      lang: 'vi',
      dir: 'ltr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'portrait',
      background_color: '#ffffff',
      theme_color: '#0b5d3b',
      categories: ['shopping', 'utilities'],
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,woff2,wasm,webmanifest}'],
      // zxing's reader .wasm is ~1 MB before compression.
      maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      navigateFallback: '/index.html',
      // Stamp landing pages and the API are the server's, never the app shell.
      navigateFallbackDenylist: [/^\/api\//, /^\/[sS]\//],
      // With no signal, a stamp URL opened from the phone's camera app gets the shell,
      // which checks the stamp offline (web/main.tsx) instead of the browser's error page.
      runtimeCaching: [
        {
          urlPattern: ({ request, url }) => request.mode === 'navigate' && /^\/s\//i.test(url.pathname),
          handler: 'NetworkOnly',
          options: { precacheFallback: { fallbackURL: '/index.html' } },
        },
      ],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}
