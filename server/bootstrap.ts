import type { AppDeps } from './app-deps';
import type { Config } from './config';
import { openDatabase, type Db } from './db/connection';
import { migrate } from './db/migrate';
import { createCatalogueRepository } from './repositories/catalogue/catalogue.repository';
import { systemClock, type Clock } from './repositories/clock';
import { readImportSources } from './repositories/import-files.repository';
import { createMetaRepository } from './repositories/meta.repository';
import { createRegistryRepository } from './repositories/registry.repository';
import { createEmbeddedSearchEngine } from './repositories/search/embedded-search.engine';
import { createMeiliSearchEngine } from './repositories/search/meili-search.engine';
import type { SearchEngine } from './domain/search-types';
import { applyImport, planImport, type ImportSummary } from './services/import/import.service';
import { createSearchService } from './services/search.service';
import { createSyncService } from './services/sync.service';
import { randomBytes } from 'node:crypto';
import { createKeyStore } from './repositories/key-store.repository';
import { createStampRepository, type StampRepository } from './repositories/stamp.repository';
import { createIssuersService, type IssuersService } from './services/stamps/issuers.service';
import { createIssueBatchService, type IssueBatchService } from './services/stamps/issue-batch.service';
import { createVerifyService } from './services/verify/verify.service';
import { createReportService } from './services/reports/report.service';
import { createReportRepository } from './repositories/report.repository';
import { createStampHistoryService } from './services/inspector/stamp-history.service';
import { createClientLimits, NO_LIMITS } from './services/limits/client-limits';
import { createDeviceService } from './services/devices/device.service';
import { createStaffServices } from './services/staff-services';

export interface Runtime {
  db: Db;
  deps: AppDeps;
  stamps: StampRepository;
  issuers: IssuersService;
  issuing: IssueBatchService;
  history: ReturnType<typeof createStampHistoryService>;
  seeded: ImportSummary | null;
  close(): void;
}

export interface BootstrapOptions {
  clock?: Clock;
  log?: (message: string) => void;
}

/** Import data/ when the registry is empty (first run). A bad data file stops start-up. */
function seedIfEmpty(config: Config, deps: AppDeps, clock: Clock, log: (m: string) => void): ImportSummary | null {
  if (!config.seedOnStart || deps.registry.currentVersion() > 0) return null;
  const plan = planImport(readImportSources([config.dataDir]), deps.registry);
  if (!plan.ok) {
    throw new Error(`cannot seed from ${config.dataDir}:\n${plan.issues.map((i) => `${i.file}:${i.line} ${i.column ?? ''} ${i.message}`).join('\n')}`);
  }
  const summary = applyImport(plan, deps.registry, () => clock.now());
  log(`seeded the registry from ${config.dataDir}: ${summary.added} records, change log version ${summary.toVersion}`);
  return summary;
}

/** Open the database, migrate, seed on first run, wire every dependency and bring search up to date. */
export async function bootstrap(config: Config, options: BootstrapOptions = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((m: string) => console.log(m));
  const db = openDatabase(config.databasePath);
  migrate(db);
  const registry = createRegistryRepository(db);
  const meta = createMetaRepository(db);
  const embedded = createEmbeddedSearchEngine();
  let external: SearchEngine | null = null;
  if (config.meili) {
    try {
      external = await createMeiliSearchEngine({ url: config.meili.url, apiKey: config.meili.masterKey, index: config.meili.index });
      log(`search: Meilisearch at ${config.meili.url}, index "${config.meili.index}"`);
    } catch (e) {
      log(`search: Meilisearch at ${config.meili.url} is not usable (${(e as Error).message}); using the embedded in-memory index`);
    }
  }
  const search = createSearchService({ db, registry, meta, embedded, external, today: () => clock.today(), log });
  const random = (n: number) => new Uint8Array(randomBytes(n));
  const keyStore = createKeyStore(config.issuerKeyDir, random);
  const stamps = createStampRepository(db);
  const catalogue = createCatalogueRepository(db, registry);
  const limits = config.rateLimits ? createClientLimits() : NO_LIMITS;
  const issuers = createIssuersService({ registry, keyStore, now: () => clock.now(), randomBytes: random });
  const history = createStampHistoryService({ stamps, catalogue, thresholds: { otherDevices: config.stampOtherDevices, travelHours: config.stampTravelHours } });
  const deps: AppDeps = {
    config,
    clock,
    registry,
    catalogue,
    search,
    sync: createSyncService(registry, () => clock.now(), config.syncMaxDelta),
    verify: createVerifyService({
      registry,
      catalogue,
      stamps,
      clock,
      secret: keyStore.serverSecret(),
      publicHosts: config.stampHosts,
      officialDomains: config.officialDomains,
      thresholds: { otherDevices: config.stampOtherDevices, travelHours: config.stampTravelHours },
      limits,
    }),
    limits,
    devices: createDeviceService({ secret: keyStore.serverSecret(), limits }),
    reports: createReportService({
      reports: createReportRepository(db),
      catalogue,
      clock,
      secret: keyStore.serverSecret(),
      publicHosts: config.stampHosts,
      officialDomains: config.officialDomains,
    }),
    staff: createStaffServices({
      db,
      clock,
      history,
      placeName: (id) => catalogue.coarsePlace(id)?.name ?? null,
      registryAdmin: { registry, issuing: () => issuing, issuers, stamps, catalogue, catchUpSearch: () => search.catchUp() },
    }),
  };
  const seeded = seedIfEmpty(config, deps, clock, log);
  if (config.demoIssuer) {
    const hadDemo = registry.idsOf('issuers').has('demo-issuer');
    const kid = await issuers.ensureDemoIssuer();
    if (!hadDemo) log(`created the DEMO stamp issuer with key ${kid} (private key in ${config.issuerKeyDir}/)`);
  }
  const issuing = createIssueBatchService({ registry, stamps, issuers, keyStore, publicUrl: config.publicUrl, now: () => clock.now(), randomBytes: random });
  for (const r of await search.catchUp()) {
    if (r.mode !== 'none') log(`search: ${r.engine} index ${r.mode} ${r.from} → ${r.to}`);
  }
  // Build the registry's read model now rather than on the first shopper's request.
  const model = catalogue.readModel();
  model.catalogue();
  model.verify();
  return {
    db,
    deps,
    stamps,
    issuers,
    issuing,
    history,
    seeded,
    close() {
      void external?.close?.();
      try {
        stamps.flush(); // throws when the events cannot be written: the caller reports how many
      } finally {
        db.close();
      }
    },
  };
}
