// The shopper's few settings, on the phone only: the commune/ward they chose to send
// with scans (nothing finer, nothing unless chosen).
export interface Settings {
  place: { id: string; name: string } | null;
}

const KEY = 'nv.settings';

export function readSettings(): Settings {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Settings>) : {};
    const place = parsed.place && typeof parsed.place.id === 'string' && typeof parsed.place.name === 'string' ? parsed.place : null;
    return { place };
  } catch {
    return { place: null };
  }
}

export function writeSettings(settings: Settings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Storage full or private mode: the choice lasts for this visit.
  }
}
