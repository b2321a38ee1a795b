// One spelling for a host so "NGUONVIET.VN", "nguonviet.vn." and "nguonviet.vn:443"
// compare equal where they mean the same server. WHATWG URL does the IDNA work
// (Unicode → punycode, lowercase), which Node 20 and browsers share.

/** Host of a parsed http(s) URL as "hostname" or "hostname:port" (default ports dropped, trailing dot removed). */
export function hostOfUrl(url: URL): string {
  const hostname = url.hostname.replace(/\.$/, '');
  return url.port ? `${hostname}:${url.port}` : hostname;
}

/** Normalise a configured host ("NguonViet.VN", "localhost:8787", "nguồnviệt.vn") to hostOfUrl's form, or null if it is not a host. */
export function normaliseHost(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed || /[/?#@\s]/.test(trimmed)) return null;
  try {
    return hostOfUrl(new URL(`https://${trimmed}`));
  } catch {
    return null;
  }
}

/** True when `host` is `domain` itself or one of its subdomains (both already normalised). */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Parse text as an absolute http(s) URL, or null (the one URL gate of stamps, links and scans). */
export function parseHttpUrl(text: string): URL | null {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
