// The PWA's screens by path, shared by its router and the server: the server answers any
// other path with 404 (still the app shell, which then shows its not-found screen).

/** Screens with no parameter. */
export const APP_STATIC_PATHS = ['/', '/directory', '/marks', '/awards', '/history', '/about', '/report', '/receipt'] as const;

/** Screens with one id segment: "/product/:id". */
export const APP_ID_PREFIXES = ['/verdict/', '/product/', '/producer/'] as const;

/** The inspector console and everything under it (its own router, behind sign-in). */
export const APP_CONSOLE_PREFIX = '/inspector';

/** True when the path (no query) is one of the app's screens. */
export function isAppPath(path: string): boolean {
  const clean = path.replace(/\/+$/, '') || '/';
  if ((APP_STATIC_PATHS as readonly string[]).includes(clean)) return true;
  if (clean === APP_CONSOLE_PREFIX || clean.startsWith(`${APP_CONSOLE_PREFIX}/`)) return true;
  return APP_ID_PREFIXES.some((prefix) => clean.startsWith(prefix) && clean.length > prefix.length && !clean.slice(prefix.length).includes('/'));
}
