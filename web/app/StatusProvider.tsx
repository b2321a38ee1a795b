// The app status (connection, registry copy, pending uploads) and the background work that
// moves it, kept out of the shell: a status change re-renders only what reads the status
// (useStatus), not the screen. The first sync moves the status several times while a cheap
// phone is still drawing the first screen, and re-rendering a whole directory list each
// time was most of the page's blocking time.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { initialStatus, StatusContext, type AppStatus } from './app-status';
import { startBackground } from './background';
import { BackgroundContext } from './background-context';

export function StatusProvider({ children }: { children: ComponentChildren }) {
  const [status, setStatus] = useState<AppStatus>(initialStatus);
  const background = useMemo(() => startBackground((patch) => setStatus((s) => ({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }))), []);
  return (
    <BackgroundContext.Provider value={background}>
      <StatusContext.Provider value={status}>{children}</StatusContext.Provider>
    </BackgroundContext.Provider>
  );
}
