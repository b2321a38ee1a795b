// Which screen a path shows. The scan screen is in the main bundle (it is the home
// screen and must paint first); everything else loads on demand.
import type { ComponentType, JSX } from 'preact';
import { isAppPath, type APP_ID_PREFIXES, type APP_STATIC_PATHS } from '../../server/domain/app-paths';
import { NotFoundScreen } from '../features/not-found/NotFoundScreen';
import { ScanScreen } from '../features/scan/ScanScreen';
import { lazyScreen } from './lazy-screen';
import { matchRoute } from './router';

const VerdictScreen = lazyScreen(() => import('../features/verdict/VerdictScreen').then((m) => m.VerdictScreen));
const DirectoryScreen = lazyScreen(() => import('../features/directory/DirectoryScreen').then((m) => m.DirectoryScreen));
const ProductScreen = lazyScreen(() => import('../features/product/ProductScreen').then((m) => m.ProductScreen));
const ProducerScreen = lazyScreen(() => import('../features/product/ProducerScreen').then((m) => m.ProducerScreen));
const MarksScreen = lazyScreen(() => import('../features/marks/MarksScreen').then((m) => m.MarksScreen));
const AwardsScreen = lazyScreen(() => import('../features/awards/AwardsScreen').then((m) => m.AwardsScreen));
const HistoryScreen = lazyScreen(() => import('../features/history/HistoryScreen').then((m) => m.HistoryScreen));
const AboutScreen = lazyScreen(() => import('../features/about/AboutScreen').then((m) => m.AboutScreen));
const ReportScreen = lazyScreen(() => import('../features/report/ReportScreen').then((m) => m.ReportScreen));
const ReceiptScreen = lazyScreen(() => import('../features/report/ReceiptScreen').then((m) => m.ReceiptScreen));
// Inspectors' and admins' console: its own chunk, never loaded by a shopper.
const InspectorConsole = lazyScreen(() => import('../features/inspector/InspectorConsole').then((m) => m.InspectorConsole));

// Keyed by server/domain/app-paths.ts, so the server's 200-or-404 and this router agree.
const ROUTES: [`${(typeof APP_ID_PREFIXES)[number]}:id`, ComponentType<{ id: string }>][] = [
  ['/verdict/:id', VerdictScreen],
  ['/product/:id', ProductScreen],
  ['/producer/:id', ProducerScreen],
];
const STATIC: Record<string, ComponentType> = {
  '/': ScanScreen,
  '/directory': DirectoryScreen,
  '/marks': MarksScreen,
  '/awards': AwardsScreen,
  '/history': HistoryScreen,
  '/about': AboutScreen,
  '/report': ReportScreen,
  '/receipt': ReceiptScreen,
} satisfies Record<(typeof APP_STATIC_PATHS)[number], ComponentType>;

/** The screen for a path; a stamp URL (/s/…, checked by main.tsx) the scanner; unknown paths "not found". */
export function screenFor(path: string): JSX.Element {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/inspector' || clean.startsWith('/inspector/')) return <InspectorConsole path={clean} />;
  const Static = STATIC[clean];
  if (Static) return <Static />;
  for (const [pattern, Screen] of ROUTES) {
    const params = matchRoute(pattern, clean);
    if (params?.id) return <Screen key={params.id} id={params.id} />;
  }
  if (/^\/s\//i.test(clean)) return <ScanScreen />;
  return <NotFoundScreen />;
}

/** Which bottom-bar tab a path belongs to. */
export function tabOf(path: string): 'scan' | 'directory' | 'history' | 'about' | null {
  if (path.startsWith('/directory') || path.startsWith('/product') || path.startsWith('/producer') || path.startsWith('/marks') || path.startsWith('/awards')) return 'directory';
  if (path.startsWith('/history')) return 'history';
  if (path.startsWith('/about')) return 'about';
  // A page the app does not have belongs to no tab.
  return isAppPath(path) || /^\/s\//i.test(path) ? 'scan' : null;
}
