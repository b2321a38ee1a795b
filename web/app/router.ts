// A tiny history-API router: the app has a handful of screens, so a library would cost
// more bytes than it saves. Links are plain <a href> (work without JS handlers, open in
// a new tab); clicks on same-origin links are intercepted once, at the document.
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

/** Go to an app URL without reloading; `replace` keeps the back button where it was. */
export function navigate(href: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

/** The current path and query; re-renders on navigation and on the back button. */
export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = () => setLoc(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return loc;
}

/** Match "/product/:id" against a path; returns the params or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (p.length !== s.length && !(path === '/' && pattern === '/')) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    const seg = s[i] ?? '';
    if (part.startsWith(':')) {
      if (!seg) return null;
      try {
        params[part.slice(1)] = decodeURIComponent(seg);
      } catch {
        return null;
      }
    } else if (part !== seg) return null;
  }
  return params;
}

/** Intercept clicks on same-origin links so navigation stays inside the app. */
export function interceptLinks(): void {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== window.location.origin) return;
    // Stamp pages and the API are the server's.
    if (/^\/(api|S|s)\//.test(a.pathname)) return;
    // A link within this page (the skip link's #main) is the browser's: it scrolls to the target and focuses it.
    if (a.hash && a.pathname === window.location.pathname && a.search === window.location.search) return;
    e.preventDefault();
    navigate(a.pathname + a.search + a.hash);
  });
}
