import type { Config } from './config';
import type { CatalogueRepository } from './repositories/catalogue/catalogue.repository';
import type { Clock } from './repositories/clock';
import type { RegistryRepository } from './repositories/registry.repository';
import type { ReportService } from './services/reports/report.service';
import type { SearchService } from './services/search.service';
import type { StaffServices } from './services/staff-services';
import type { SyncService } from './services/sync.service';
import type { VerifyService } from './services/verify/verify.service';
import type { ClientLimits } from './services/limits/client-limits';
import type { DeviceService } from './services/devices/device.service';

/** Everything createApp needs, built in main.ts (or a test) and passed in (CONVENTIONS 3). */
export interface AppDeps {
  config: Config;
  clock: Clock;
  registry: RegistryRepository;
  catalogue: CatalogueRepository;
  search: SearchService;
  sync: SyncService;
  verify: VerifyService;
  reports: ReportService;
  /** Hard rate limits per address and network, and the soft limit on clone evidence. */
  limits: ClientLimits;
  devices: DeviceService;
  /** Inspectors' and admins' use-cases: sign-in, users, report triage, audit log, stamp history. */
  staff: StaffServices;
}
