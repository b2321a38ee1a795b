// The inspectors' and admins' console: one lazily loaded chunk behind sign-in. It checks
// the session once, then shows the screen for its own sub-path.
import { useEffect, useState } from 'preact/hooks';
import { matchRoute, navigate } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { AuditScreen } from '../admin/AuditScreen';
import { RegistryScreen } from '../admin/RegistryScreen';
import { UsersScreen } from '../admin/UsersScreen';
import { consoleApi, setCsrf, type ConsoleSession } from './console-api';
import { consoleMessages, type ConsoleMessages } from './console-messages';
import { ReportDetail } from './ReportDetail';
import { ReportMap } from './ReportMap';
import { AlertsList } from './AlertsList';
import { ReportQueue } from './ReportQueue';
import { ChangePassword, SignIn } from './SignIn';
import { StampLookup } from './StampLookup';
import './console.css';

export interface ConsoleProps {
  m: ConsoleMessages;
  session: ConsoleSession;
}

export function InspectorConsole({ path }: { path: string }) {
  const { lang } = useI18n();
  const m = consoleMessages(lang);
  const [session, setSession] = useState<ConsoleSession | null | undefined>(undefined);

  const adopt = (s: ConsoleSession | null) => {
    if (s) setCsrf(s.csrfToken);
    setSession(s);
  };
  useEffect(() => {
    consoleApi.session().then((r) => adopt(r.ok ? r.data : null));
  }, []);

  if (session === undefined) return <p class="loading">{m.title}…</p>;
  if (session === null) return <SignIn m={m} onSignedIn={adopt} />;
  if (session.user.mustChangePassword) return <ChangePassword m={m} onChanged={() => consoleApi.session().then((r) => adopt(r.ok ? r.data : null))} />;

  const signOut = async (everywhere: boolean) => {
    await (everywhere ? consoleApi.logoutEverywhere() : consoleApi.logout());
    adopt(null);
    navigate('/inspector', { replace: true });
  };
  const isAdmin = session.user.role === 'admin';
  const props = { m, session };
  const reportId = matchRoute('/inspector/reports/:id', path)?.id;
  const screen =
    reportId && /^\d+$/.test(reportId) ? <ReportDetail {...props} id={Number(reportId)} key={reportId} />
    : path === '/inspector/stamps' ? <StampLookup {...props} />
    : path === '/inspector/map' ? <ReportMap {...props} />
    : path === '/inspector/alerts' ? <AlertsList {...props} />
    : path === '/inspector/users' && isAdmin ? <UsersScreen {...props} />
    : path === '/inspector/audit' && isAdmin ? <AuditScreen {...props} />
    : path === '/inspector/registry' && isAdmin ? <RegistryScreen {...props} />
    : <ReportQueue {...props} />;
  const links: [string, string][] = [
    ['/inspector', m.navQueue],
    ['/inspector/stamps', m.navStamp],
    ['/inspector/alerts', m.navAlerts],
    ['/inspector/map', m.navMap],
    ...(isAdmin ? ([['/inspector/registry', m.navRegistry], ['/inspector/users', m.navUsers], ['/inspector/audit', m.navAudit]] as [string, string][]) : []),
  ];
  return (
    <div class="screen console">
      <nav class="console-nav" aria-label={m.title}>
        {links.map(([href, label]) => (
          <a key={href} href={href} aria-current={path === href || (href === '/inspector' && path.startsWith('/inspector/reports')) ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {screen}
      <footer class="console-account small">
        <span>{m.signedInAs(session.user.email)}</span>
        <button type="button" class="link" onClick={() => signOut(false)}>
          {m.signOut}
        </button>
        <button type="button" class="link" onClick={() => signOut(true)}>
          {m.signOutEverywhere}
        </button>
      </footer>
    </div>
  );
}
