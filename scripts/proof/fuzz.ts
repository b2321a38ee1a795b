// Fuzzing a running server over HTTP: random and mutated stamp payloads, malformed JSON
// bodies, and random parameters for search, sync, places and reports. Counts answers ≥ 500
// and connection failures (a crash shows as the latter).
import fc from 'fast-check';

export interface FuzzCounts {
  requests: number;
  serverErrors: number;
  networkErrors: number;
}

export async function fuzzServer(base: string, genuineUrl: string, runs = 10_000): Promise<FuzzCounts> {
  const counts: FuzzCounts = { requests: 0, serverErrors: 0, networkErrors: 0 };
  let n = 0;
  const send = async (path: string, init?: RequestInit) => {
    counts.requests++;
    try {
      // A new network every few requests keeps the rate limits out of the fuzzing's way.
      const headers = { 'x-forwarded-for': `172.${(n >> 16) & 255}.${(++n >> 8) & 255}.9`, ...(init?.headers as Record<string, string> | undefined) };
      const res = await fetch(`${base}${path}`, { ...init, headers });
      await res.arrayBuffer();
      if (res.status >= 500) counts.serverErrors++;
    } catch {
      counts.networkErrors++;
    }
  };
  const mutated = fc
    .tuple(fc.nat(genuineUrl.length - 1), fc.string({ minLength: 0, maxLength: 3, unit: 'binary' }), fc.nat(genuineUrl.length))
    .map(([i, junk, cut]) => (genuineUrl.slice(0, i) + junk + genuineUrl.slice(i + 1)).slice(0, Math.max(cut, 1)));
  const payload = fc.oneof(mutated, fc.string({ maxLength: 300, unit: 'binary' }), fc.webUrl(), fc.stringMatching(/^[0-9]{6,15}$/));
  const json = { 'content-type': 'application/json' };
  const samples = fc.sample(payload, runs);
  for (let i = 0; i < samples.length; i += 20) {
    await Promise.all(samples.slice(i, i + 20).map((p) => send('/api/verify', { method: 'POST', headers: json, body: JSON.stringify({ payload: p }) })));
  }
  const junk = fc.sample(fc.string({ maxLength: 200, unit: 'binary' }), 500);
  for (const body of junk) await send('/api/verify', { method: 'POST', headers: json, body });
  for (const body of junk.slice(0, 200)) await send('/api/reports', { method: 'POST', headers: json, body });
  const text = fc.sample(fc.string({ maxLength: 80, unit: 'binary' }), 400).map(encodeURIComponent);
  for (const q of text) {
    await send(`/api/products?q=${q}&stars=${q}&limit=${q}&offset=${q}&facets=1`);
    await send(`/api/sync/changes?since=${q}`);
    await send(`/api/places?ids=${q}&level=${q}`);
    await send('/api/reports', { method: 'POST', headers: json, body: JSON.stringify({ clientReportId: decodeURIComponent(q), note: q, place: q, productId: q }) });
  }
  return counts;
}
