// The network a request comes from, for rate limits and for telling networks apart in the
// clone evidence: an IPv4 /24 or an IPv6 /48 (what one household, shop or small operator
// usually holds), so one actor cannot pass as many networks by changing the last bits.
import { isIPv4, isIPv6 } from 'node:net';

/** The /24 (IPv4) or /48 (IPv6) prefix of an address, as text; the address itself when it is neither. */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? mapped[1]! : ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(ip)) return `${expandIPv6(ip).slice(0, 3).join(':')}::/48`;
  return ip.slice(0, 64);
}

/** The eight 16-bit groups of an IPv6 address, in lowercase hex without leading zeros. */
function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.toLowerCase().split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => (g.includes('.') ? g : (parseInt(g, 16) || 0).toString(16)));
}
