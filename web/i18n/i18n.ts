// The active language and the `t` lookup. Vietnamese is the default; the choice is kept
// in localStorage. English is a separate chunk, loaded only when someone switches.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Messages } from './messages';
import { vi } from './vi';

export type Lang = 'vi' | 'en';

const STORAGE_KEY = 'nv.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}

/** The messages of a language (English is fetched on first use). */
export async function loadMessages(lang: Lang): Promise<Messages> {
  if (lang === 'vi') return vi;
  return (await import('./en')).en;
}

export interface I18n {
  lang: Lang;
  t: Messages;
  setLang(lang: Lang): void;
}

export const I18nContext = createContext<I18n>({ lang: 'vi', t: vi, setLang: () => {} });

/** The current language, its messages and the switch. */
export const useI18n = () => useContext(I18nContext);

/** Pick the message of a reason (or any vi/en pair) in the current language. */
export const pick = (lang: Lang, m: { message_vi: string; message_en: string }) => (lang === 'vi' ? m.message_vi : m.message_en);
