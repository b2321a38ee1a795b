// POST /api/verify: classify the scan, check a stamp's signature against the issuer's
// public key, look the stamp up, apply the anomaly rules, record the scan event.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkBatchExpired, DEFAULT_THRESHOLDS, type AnomalyThresholds } from '../../domain/anomaly-rules';
import { ocopExpiredReason } from '../../domain/catalogue/certificate-state';
import type { IssuerKey, VerifyContext } from '../../domain/catalogue/verify-context';
import { GENUINE_STAMP, keyRevoked, NOT_GENUINE } from '../../domain/catalogue/verify-reasons';
import { NETWORK_PIN_SCHEDULE, pinRetryAt, STAMP_PIN_SCHEDULE } from '../../domain/pin-guard';
import type { ScanVerdict } from '../../domain/scan-reason-codes';
import { othersReason, pinFailuresSeenReason, pinRetryLaterReason, travelReason } from '../../domain/signal-reasons';
import { addEvidence, countCheck, othersSeen, travelConflict } from '../../domain/stamp-signals';
import { verifyStampSignature } from '../../domain/stamp-signature';
import { parseScan, type ParsedScan } from '../../domain/parse-scan';
import type { Stamp } from '../../domain/stamp-codec';
import { formatVietnamDate, formatVietnamTime } from '../../domain/catalogue/dates';
import type { Reason } from '../../domain/verdict';
import type { CatalogueRepository } from '../../repositories/catalogue/catalogue.repository';
import type { Clock } from '../../repositories/clock';
import type { RegistryRepository } from '../../repositories/registry.repository';
import type { StampRecord, StampRepository } from '../../repositories/stamp.repository';
import { describeNotAStamp } from '../../domain/not-a-stamp';
import { routeScan, typedSerialReason, typedSerialUnknownReason } from '../../domain/scan-route';
import { createTurnLatch } from '../../repositories/once-per-turn';
import { createRecentCache } from '../../repositories/recent-cache';
import { NO_LIMITS, type ClientLimits } from '../limits/client-limits';
import { isDeviceToken } from './device-token';
import { createVerifiedSignatureCache } from './verified-signatures';
import type { VerifyInput, VerifyOutcome, VerifyResult } from './verify-types';

export interface VerifyServiceDeps {
  registry: RegistryRepository;
  catalogue: CatalogueRepository;
  stamps: StampRepository;
  clock: Clock;
  /** Server secret for keyed hashes of device ids and PINs. */
  secret: Uint8Array;
  publicHosts: string[];
  officialDomains: string[];
  thresholds?: Partial<AnomalyThresholds>;
  /** The soft limit on clone evidence per network (hard limits are the routes'). */
  limits?: ClientLimits;
}

export interface VerifyService {
  verify(input: VerifyInput): Promise<VerifyOutcome>;
}

/** Keyed hash (HMAC-SHA256, hex) so device ids and PINs are never stored in clear. */
export function keyedHash(secret: Uint8Array, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/** 8 bytes (16 hex digits) of a keyed hash: how devices and networks are stored. */
export const shortKeyedHash = (secret: Uint8Array, text: string): string => keyedHash(secret, text).slice(0, 16);

/** Build the verification service. */
export function createVerifyService(deps: VerifyServiceDeps): VerifyService {
  const { catalogue, stamps, clock, secret } = deps;
  const thresholds = { ...DEFAULT_THRESHOLDS, ...deps.thresholds };
  const limits = deps.limits ?? NO_LIMITS;
  // Wrong PINs per network, all stamps together (bounded: the keys are caller-chosen).
  const networkPinFailures = createRecentCache<string, { failures: number; last: number }>(50_000);
  // Repeat scans are common: the same phone re-checks, a shelf of goods gets scanned.
  const verifiedSignatures = createVerifiedSignatureCache(100_000);
  // Parsing a stamp URL (WHATWG URL, base32) costs more than the rest of a cached check;
  // the parse is a pure function of the text, so keep the recent stamp parses.
  const parsedStamps = createRecentCache<string, ParsedScan>(20_000);
  const deviceHashes = createRecentCache<string, { hash: string; signed: boolean }>(20_000);
  const networkHashes = createRecentCache<string, string>(20_000);
  const productCache = createRecentCache<string, ReturnType<CatalogueRepository['productDetail']>>(2_000);
  const productCards = new WeakMap<ProductDetail, ProductCard>();
  // Places are validated ids of the catalogue (a few thousand), so a plain map stays small.
  const placeCache = new Map<string, { name: string; provinceId: string | null } | null>();

  let cachedVersion = -1;
  let keys: VerifyContext['keys'] = new Map();
  let gs1: VerifyContext['gs1Prefixes'] = [];
  // Cheap while the change-log version stays (one version read); otherwise the shared read model's verify context.
  const refreshRegistry = () => {
    const model = catalogue.readModel();
    if (model.version === cachedVersion) return;
    cachedVersion = model.version;
    ({ keys, gs1Prefixes: gs1 } = model.verify());
    productCache.clear();
    // Place names come from the registry too.
    placeCache.clear();
  };

  // The registry's version is a query: asked once per turn of the event loop (every request
  // of that turn shares the answer; another process's change shows from the next turn), and
  // at once after this process changed the registry itself.
  const registryTurn = createTurnLatch();
  let seenLocalChanges = -1;
  const refreshRegistryThisTurn = () => {
    const local = deps.registry.localChanges();
    if (!registryTurn.first() && local === seenLocalChanges) return;
    seenLocalChanges = local;
    refreshRegistry();
  };

  const placeOf = (placeId: string | null) => {
    if (!placeId) return null;
    let p = placeCache.get(placeId);
    if (p === undefined) {
      p = catalogue.coarsePlace(placeId);
      if (placeCache.size >= 50_000) placeCache.clear();
      placeCache.set(placeId, p);
    }
    return p;
  };

  const placeName = (id: string | null) => (id ? (placeOf(id)?.name ?? null) : null);
  const provinceOf = (id: string) => placeOf(id)?.provinceId ?? null;

  // `remember` is false for an id handed out with this very answer: a client that never keeps
  // its id would otherwise fill the cache with one entry per request.
  const deviceOf = (deviceId: string, remember: boolean) => {
    let d = deviceHashes.get(deviceId);
    if (d === undefined) {
      d = { hash: shortKeyedHash(secret, `device|${deviceId}`), signed: isDeviceToken(secret, deviceId) };
      if (remember) deviceHashes.set(deviceId, d);
    }
    return d;
  };
  const networkHashOf = (network: string) => {
    let h = networkHashes.get(network);
    if (h === undefined) {
      h = shortKeyedHash(secret, `network|${network}`);
      networkHashes.set(network, h);
    }
    return h;
  };

  const parse = (payload: string, now: string): ParsedScan => {
    const cached = parsedStamps.get(payload);
    if (cached) return cached;
    const scan = parseScan(payload, { publicHosts: deps.publicHosts, officialDomains: deps.officialDomains, referenceYear: Number(now.slice(0, 4)) });
    if (scan.kind === 'stamp' && scan.ok) parsedStamps.set(payload, scan);
    return scan;
  };

  async function checkSignature(stamp: Stamp, key: IssuerKey | undefined): Promise<boolean> {
    const keyId = key?.publicKeyText ?? '';
    if (key && verifiedSignatures.has(stamp, keyId)) return true;
    // The exact bytes failed before: a forged signature, an unknown key and a never-issued
    // serial all land here alike once seen, as they all cost one verification the first time.
    if (verifiedSignatures.rejected(stamp, keyId)) return false;
    // Every miss costs one verification, an unknown kid included, so a forged signature,
    // an unknown key and a never-issued serial all take the same time.
    // WebCrypto runs it on the libuv pool: measured against node:crypto's one-shot verify
    // on the event loop, 1.6× the first-scan and forged throughput on 2 cores.
    const valid = await verifyStampSignature(key?.publicKey ?? DUMMY_KEY, stamp);
    if (!valid || !key) {
      verifiedSignatures.reject(stamp, keyId);
      return false;
    }
    verifiedSignatures.add(stamp, keyId);
    return true;
  }

  function productFacts(productId: string, today: string) {
    let detail = productCache.get(productId);
    if (detail === undefined) {
      detail = catalogue.productDetail(productId, today);
      productCache.set(productId, detail);
    }
    return detail;
  }

  /** The product card of a result, built once per cached product detail. */
  function productCard(detail: ProductDetail): ProductCard {
    let card = productCards.get(detail);
    if (!card) {
      card = { product: { ...pickSummary(detail), gtins: detail.gtins }, producer: detail.producer, certifications: detail.certifications, marks: detail.marks, awards: detail.awards };
      productCards.set(detail, card);
    }
    return card;
  }

  /** Record a scan and wait until it is on disk: an answered scan survives a crash. */
  async function persist(event: Parameters<StampRepository['recordScan']>[0], signals?: Parameters<StampRepository['recordScan']>[1]): Promise<VerifyOutcome | null> {
    stamps.recordScan(event, signals);
    try {
      await stamps.committed();
      return null;
    } catch {
      return { ok: false, status: 503, code: 'storage_unavailable', message: 'The scan could not be saved just now; please try again in a moment', message_vi: 'Chưa lưu được lần quét này; vui lòng thử lại sau giây lát' };
    }
  }

  /**
   * A serial typed from under the QR: there is no signature, so the stamp record is the only
   * evidence. Every unissued serial gets one and the same answer, and every typed serial
   * costs one signature check (on the dummy key) like a scanned one. An issued serial still
   * answers with its stamp (that is the point), so what keeps enumeration expensive is the
   * 80-bit random serial: a guess hits an issued one with odds of (issued stamps) / 2^80.
   */
  async function verifyTypedSerial(serial: string, input: VerifyInput, scannedAt: string, now: string, today: string): Promise<VerifyOutcome> {
    const cached = stamps.cachedStamp(serial);
    const record = cached !== undefined ? cached : await stamps.loadStamp(serial);
    await verifyStampSignature(DUMMY_KEY, { kid: 'TYPED', serial, signature: DUMMY_SIGNATURE });
    if (!record) {
      const failed = await recordUnverified(input, ['typed_serial_unknown'], scannedAt, now);
      return failed ?? { ok: true, result: { verdict: 'unverified', checkedAt: now, reasons: [typedSerialUnknownReason(serial)] } };
    }
    return verifyStamp({ kid: record.kid, serial, signature: DUMMY_SIGNATURE }, input, null, scannedAt, now, today, 'typed');
  }

  /** Record a scan that names no stamp of ours (damaged, foreign host, unknown typed serial). */
  async function recordUnverified(input: VerifyInput, codes: string[], scannedAt: string, now: string): Promise<VerifyOutcome | null> {
    if (input.clientEventId !== undefined && stamps.hasClientEvent(input.clientEventId)) return null;
    return persist({ clientEventId: input.clientEventId ?? null, serial: null, kid: null, verdict: 'unverified', reasons: codes, deviceHash: null, network: networkHashOf(input.client.network), placeCode: input.place ?? null, scannedAt, receivedAt: now });
  }

  async function verifyStamp(stamp: Stamp, input: VerifyInput, gtinOfLink: string | null, scannedAt: string, now: string, today: string, proof: 'signature' | 'typed' = 'signature'): Promise<VerifyOutcome> {
    const key = keys.get(stamp.kid);
    // A typed serial has no signature: the record found by its serial stands in (said in the verdict).
    const signatureValid = proof === 'typed' ? true : await checkSignature(stamp, key);
    // Always look the serial up too: a bad signature and an unissued serial take the same path.
    // A warm stamp from memory; one that may need the disk is read by a worker thread.
    let record0 = stamps.cachedStamp(stamp.serial);
    if (record0 === undefined) {
      await stamps.loadStamp(stamp.serial, input.clientEventId);
      // Taken again here, not from the read: checks of this stamp waiting on the same read are
      // answered one after another, and those before this one have recorded their scans on it.
      record0 = stamps.stamp(stamp.serial);
    }
    const device = input.deviceId ? deviceOf(input.deviceId, !input.noEvidence) : null;
    const deviceHash = device?.hash ?? null;
    const network = networkHashOf(input.client.network);
    const place = input.place ? placeOf(input.place) : null;
    // A retried upload (same clientEventId) is answered again but changes nothing.
    const retried = input.clientEventId !== undefined && stamps.hasClientEvent(input.clientEventId, stamp.serial);
    const base: VerifyResult = { verdict: 'unverified', reasons: [], checkedAt: now, stamp: { serial: stamp.serial, kid: stamp.kid } };
    const event = (verdict: ScanVerdict, codes: string[], extra: { evidence?: boolean; overSoftLimit?: boolean } = {}) => ({
      clientEventId: input.clientEventId ?? null,
      serial: stamp.serial,
      kid: stamp.kid,
      verdict,
      reasons: codes,
      deviceHash,
      network,
      placeCode: input.place ?? null,
      scannedAt,
      receivedAt: now,
      signedDevice: device?.signed ?? false,
      ...extra,
    });
    const answer = async (result: VerifyResult, e: ReturnType<typeof event>, signals?: Parameters<StampRepository['recordScan']>[1]): Promise<VerifyOutcome> => {
      if (!retried) {
        const failed = await persist(e, signals);
        if (failed) return failed;
      }
      return { ok: true, result };
    };

    // A batch whose files never completed (still pending) is not issued: its stamps answer as unissued serials.
    const batchStatus = record0 ? stamps.batch(record0.batchId)?.status : undefined;
    const issued = batchStatus === 'active' || batchStatus === 'revoked';
    if (!key || !signatureValid || !record0 || record0.kid !== stamp.kid || !issued) {
      // Identical answer for a forged signature, an unknown key and a never-issued serial:
      // the response must not tell a forger which serials exist. Inspectors see the cause.
      const cause = !key ? 'unknown_key' : !signatureValid ? 'bad_signature' : 'serial_not_issued';
      return answer({ ...base, reasons: [NOT_GENUINE] }, event('unverified', [cause]));
    }
    const record = record0;
    if (key.status === 'revoked') {
      return answer({ ...base, reasons: [keyRevoked(key.revokedAt)] }, event('unverified', ['key_revoked']));
    }

    const batch = stamps.batch(record.batchId)!;
    const detail = productFacts(batch.productId, today);
    const nowMs = Date.parse(now);
    const atMs = Date.parse(scannedAt);
    const prior = record.signals;
    const reasons: Reason[] = [];
    let verdict: VerifyResult['verdict'] = 'authentic';
    let evidence = false;
    let overSoftLimit = false;

    if (record.status === 'revoked' || batch.status === 'revoked') {
      const at = record.revokedAt ?? batch.revokedAt ?? now;
      const why = record.revokeReason ?? batch.revokeReason ?? '';
      verdict = 'revoked';
      reasons.push({
        code: batch.status === 'revoked' ? 'batch_revoked' : 'stamp_revoked',
        message_vi: `Đơn vị phát hành đã thu hồi ${batch.status === 'revoked' ? 'cả lô tem này' : 'tem này'} ngày ${formatVietnamTime(at)}${why ? `: ${why}` : ''}.`,
        message_en: `The issuer revoked ${batch.status === 'revoked' ? 'this whole stamp batch' : 'this stamp'} on ${formatVietnamTime(at)}${why ? `: ${why}` : ''}.`,
        revokedAt: at,
        reason: why,
      });
      reasons.push({
        code: 'scanned_after_revocation',
        message_vi: `Tem được quét sau khi đã bị thu hồi (${formatVietnamDate(at)}).`,
        message_en: `The stamp was scanned after it was revoked (${formatVietnamDate(at)}).`,
      });
    } else {
      const caution: Reason[] = [];
      const info: Reason[] = [];
      const others = othersReason(othersSeen(prior, deviceHash, network), thresholds.otherDevices, placeName, nowMs);
      if (others) (others.caution ? caution : info).push(others.reason);
      const travel = travelConflict(prior, { device: deviceHash, network, at: atMs, province: place?.provinceId ?? null }, provinceOf, thresholds.travelHours);
      if (travel) caution.push(travelReason(travel.entry, travel.hoursApart, placeName, place?.name ?? null));
      for (const r of [checkBatchExpired(batch.expiresAt, today), ocopExpiredReason(detail?.certifications ?? [], today)]) if (r) caution.push(r);
      if (gtinOfLink && detail && !detail.gtins.includes(gtinOfLink)) {
        caution.push({
          code: 'digital_link_product_mismatch',
          message_vi: 'Mã sản phẩm (GTIN) trên tem không khớp với sản phẩm đã đăng ký cho tem này.',
          message_en: 'The product code (GTIN) on the stamp does not match the product this stamp was issued for.',
        });
      }
      if (input.pin !== undefined && !retried) {
        const pin = checkPin(record, input.pin, deviceHash, network, now, nowMs);
        caution.push(...pin.caution);
        info.push(...pin.info);
      }
      if (caution.length) verdict = 'caution';
      reasons.push(...caution, ...info);
      // Evidence only from a server-issued device id, under its network's soft limit.
      // A typed serial proves less than a signature: it is never evidence.
      if (device?.signed && !input.noEvidence && !retried && proof === 'signature') {
        evidence = limits.evidenceAllowed(input.client.network, nowMs);
        overSoftLimit = !evidence;
      }
    }
    if (proof === 'typed') reasons.unshift(typedSerialReason(stamp.serial));
    else if (verdict === 'authentic') {
      reasons.unshift(GENUINE_STAMP);
    }
    let signals = verdict === 'revoked' ? undefined : countCheck(prior, atMs);
    if (signals && evidence && deviceHash) signals = addEvidence(signals, { device: deviceHash, network, at: atMs, place: input.place ?? null });
    return answer(
      {
        verdict,
        reasons,
        checkedAt: now,
        stamp: {
          serial: stamp.serial,
          kid: stamp.kid,
          status: record.status,
          revokedAt: record.revokedAt,
          checks: prior.checks + (retried ? 0 : 1),
          firstCheckedAt: prior.firstAt === null ? null : new Date(prior.firstAt).toISOString(),
        },
        batch: { id: batch.id, status: batch.status, expiresAt: batch.expiresAt, isDemo: batch.isDemo, hasPin: batch.hasPin, revokedAt: batch.revokedAt, revokeReason: batch.revokeReason },
        ...(detail ? productCard(detail) : {}),
      },
      event(verdict as ScanVerdict, reasons.map((r) => r.code), { evidence, overSoftLimit }),
      signals,
    );
  }

  /**
   * The PIN under the scratch layer. Wrong guesses slow further guesses per stamp and per
   * network (growing delays, never a lifetime lock) and never make the buyer's answer caution;
   * a correct PIN already used on another phone does (the stamp may have been reused).
   */
  function checkPin(record: StampRecord, pin: string, deviceHash: string | null, network: string, now: string, nowMs: number): { caution: Reason[]; info: Reason[] } {
    if (!record.pinHash) return { caution: [], info: [] };
    const net = networkPinFailures.get(network);
    const waitUntil = Math.max(
      pinRetryAt(record.pinFailures, record.pinLastFailureAt, nowMs, STAMP_PIN_SCHEDULE) ?? 0,
      net ? (pinRetryAt(net.failures, net.last, nowMs, NETWORK_PIN_SCHEDULE) ?? 0) : 0,
    );
    if (waitUntil > nowMs) return { caution: [], info: [pinRetryLaterReason(waitUntil)] };
    const seen = record.pinFailures > 0 ? [pinFailuresSeenReason(record.pinFailures)] : [];
    const given = Buffer.from(keyedHash(secret, `pin|${record.serial}|${pin.trim()}`), 'hex');
    if (!timingSafeEqual(given, Buffer.from(record.pinHash, 'hex'))) {
      stamps.recordPinFailure(record.serial, nowMs);
      networkPinFailures.set(network, { failures: (net?.failures ?? 0) + 1, last: nowMs });
      return { caution: [], info: [{ code: 'pin_wrong', message_vi: 'Mã PIN không đúng. Hãy kiểm tra lại mã dưới lớp cào.', message_en: 'The PIN is wrong. Check the code under the scratch layer.' }, ...seen] };
    }
    // Without a device id on either side there is no telling it is the same phone: reused.
    if (record.pinUsedAt && (deviceHash === null || record.pinUsedDevice !== deviceHash)) {
      return {
        caution: [
          {
            code: 'pin_already_used',
            message_vi: `Mã PIN này đã được dùng lúc ${formatVietnamTime(record.pinUsedAt)} trên một điện thoại khác. Tem có thể đã bị dùng lại.`,
            message_en: `This PIN was already used at ${formatVietnamTime(record.pinUsedAt)} on another phone. The stamp may have been reused.`,
            usedAt: record.pinUsedAt,
          },
        ],
        info: seen,
      };
    }
    if (!record.pinUsedAt) stamps.markPinUsed(record.serial, now, deviceHash);
    return { caution: [], info: [{ code: 'pin_ok', message_vi: 'Mã PIN đúng.', message_en: 'The PIN is correct.' }, ...seen] };
  }

  return {
    async verify(input) {
      refreshRegistryThisTurn();
      const now = clock.now().toISOString();
      const today = clock.today();
      const scannedAt = acceptScannedAt(input.scannedAt, now);
      if (input.place !== undefined) {
        const place = catalogue.place(input.place);
        // Coarse places only: a current ward/commune (or just a province); never coordinates.
        if (!place || place.era !== 'current') {
          return { ok: false, status: 400, code: 'invalid_place', message: 'place must be a current ward/commune or province id (e.g. vn:00004); nothing finer is accepted', message_vi: 'Địa điểm phải là mã phường/xã hoặc tỉnh hiện hành' };
        }
      }
      const scan = parse(input.payload, now);
      // routeScan is shared with the offline check, so both dispatch a scan the same way.
      const route = routeScan(scan);
      if (route.to === 'stamp') return verifyStamp(route.stamp, input, route.gtinOfLink, scannedAt, now, today);
      if (route.to === 'typed_serial') return verifyTypedSerial(route.serial, input, scannedAt, now, today);
      if (route.to === 'unverified') {
        const codes = route.reasons.map((r) => r.code).filter((c) => c !== 'not_genuine');
        const failed = await recordUnverified(input, codes, scannedAt, now);
        return failed ?? { ok: true, result: { verdict: 'unverified', checkedAt: now, reasons: route.reasons, ...(route.url ? { url: route.url } : {}) } };
      }
      const result = describeNotAStamp(scan, {
        gs1Prefixes: gs1,
        productsByGtin: (gtin14) => catalogue.productSummaries(catalogue.productIdsByGtin(gtin14), today),
        checkedAt: now,
      });
      return { ok: true, result };
    },
  };
}

type ProductDetail = NonNullable<ReturnType<CatalogueRepository['productDetail']>>;
type ProductCard = Required<Pick<VerifyResult, 'product' | 'producer' | 'certifications' | 'marks' | 'awards'>>;

function pickSummary(d: ProductDetail) {
  const { id, name, producerId, producerName, province, placeName, formerPlaceName, ocopGroup, stars, potentialFive, certificateStatus, certYear, certLatestUntil, isAggregate, aggregateCount } = d;
  return { id, name, producerId, producerName, province, placeName, formerPlaceName, ocopGroup, stars, potentialFive, certificateStatus, certYear, certLatestUntil, isAggregate, aggregateCount };
}

/** A queued offline scan keeps its own time, within reason; otherwise the server's time. */
function acceptScannedAt(scannedAt: string | undefined, now: string): string {
  if (!scannedAt) return now;
  const t = new Date(scannedAt).getTime();
  const n = new Date(now).getTime();
  if (Number.isNaN(t) || t > n + 5 * 60_000 || t < n - 30 * 86_400_000) return now;
  return new Date(t).toISOString();
}

// A fixed valid curve point (RFC 8032 test key) to spend the same work on unknown kids.
const DUMMY_KEY = new Uint8Array(Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex'));
const DUMMY_SIGNATURE = new Uint8Array(64);
