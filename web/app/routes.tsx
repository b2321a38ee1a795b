// Which screen a path shows. The scan screen is in the main bundle (it is the home
// screen and must paint first); everything else loads on demand.
import type { ComponentType, JSX } from 'preact';
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

const ROUTES: [string, ComponentType<{ id: string }>][] = [
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
};

/** The screen for a path; unknown paths show the scanner. */
export function screenFor(path: string): JSX.Element {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/inspector' || clean.startsWith('/inspector/')) return <InspectorConsole path={clean} />;
  const Static = STATIC[clean];
  if (Static) return <Static />;
  for (const [pattern, Screen] of ROUTES) {
    const params = matchRoute(pattern, clean);
    if (params?.id) return <Screen key={params.id} id={params.id} />;
  }
  return <ScanScreen />;
}

/** Which bottom-bar tab a path belongs to. */
export function tabOf(path: string): 'scan' | 'directory' | 'history' | 'about' {
  if (path.startsWith('/directory') || path.startsWith('/product') || path.startsWith('/producer') || path.startsWith('/marks') || path.startsWith('/awards')) return 'directory';
  if (path.startsWith('/history')) return 'history';
  if (path.startsWith('/about')) return 'about';
  return 'scan';
}
