// Bodies that issued certificates, under their current names. Ministries were merged on
// 1 March 2025 (Nghị quyết 176/2025/QH15): a certificate keeps the name at the time as history.

interface BodyName {
  /** The name today, spelled out. */
  current: string;
  /** The name the certificate was issued under, when it differs. */
  atTheTime: string | null;
}

const RENAMED: Record<string, { current: string; former: string }> = {
  'Bộ NN&PTNT': { current: 'Bộ Nông nghiệp và Môi trường', former: 'Bộ Nông nghiệp và Phát triển nông thôn' },
  'Bộ NN&MT': { current: 'Bộ Nông nghiệp và Môi trường', former: '' },
  'Bộ TN&MT': { current: 'Bộ Nông nghiệp và Môi trường', former: 'Bộ Tài nguyên và Môi trường' },
};

/** An issuing body as a shopper reads it: its current name, and the one it issued under if renamed. */
export function issuingBodyName(text: string): BodyName {
  const key = text.trim().replace(/\s*&\s*/g, '&');
  const renamed = RENAMED[key];
  if (!renamed) return { current: text.trim(), atTheTime: null };
  return { current: renamed.current, atTheTime: renamed.former || null };
}
