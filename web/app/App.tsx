// The shell: header with the language switch and connection state, the current screen,
// and a bottom tab bar within thumb reach on a 360 px phone.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { I18nContext, loadMessages, storeLang, storedLang, type Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/messages';
import { vi } from '../i18n/vi';
import { Icon, type IconName } from '../ui/Icon';
import { useLocation } from './router';
import { screenFor, tabOf } from './routes';
import { StatusBar } from './StatusBar';
import { StatusProvider } from './StatusProvider';

export function App() {
  const [lang, setLang] = useState<Lang>(storedLang);
  const [t, setT] = useState<Messages>(vi);
  const loc = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    let live = true;
    loadMessages(lang).then((m) => live && setT(m));
    document.documentElement.lang = lang;
    storeLang(lang);
    return () => {
      live = false;
    };
  }, [lang]);

  // After navigating, move focus to the new screen so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [loc.path]);

  const tab = tabOf(loc.path);
  const tabs: [NonNullable<typeof tab>, string, IconName, string][] = [
    ['scan', '/', 'scan', t.navScan],
    ['directory', '/directory', 'list', t.navDirectory],
    ['history', '/history', 'history', t.navHistory],
    ['about', '/about', 'about', t.navAbout],
  ];
  const i18n = useMemo(() => ({ lang, t, setLang }), [lang, t]);

  return (
    <I18nContext.Provider value={i18n}>
      <StatusProvider>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="top">
          <a href="/" class="brand">
            {t.appName}
          </a>
          <button type="button" class="lang" lang={lang === 'vi' ? 'en' : 'vi'} aria-label={t.switchLang} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t.otherLang}
          </button>
        </header>
        <StatusBar />
        <main id="main" ref={main} tabIndex={-1}>
          {screenFor(loc.path)}
        </main>
        <nav class="tabs" aria-label={t.navMain}>
          {tabs.map(([id, href, icon, label]) => (
            <a key={id} href={href} aria-current={tab === id ? 'page' : undefined}>
              <Icon name={icon} />
              <span>{label}</span>
            </a>
          ))}
        </nav>
      </StatusProvider>
    </I18nContext.Provider>
  );
}
