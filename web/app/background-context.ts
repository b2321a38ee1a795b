import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Background } from './background';

const idle = async () => {};

export const BackgroundContext = createContext<Background>({
  syncNow: async () => ({ mode: 'up_to_date', applied: 0 }),
  flushNow: idle,
  refresh: idle,
});

/** The background sync/upload controls (the About screen's "update now", the report form's upload). */
export const useBackground = () => useContext(BackgroundContext);
