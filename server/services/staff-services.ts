// Inspector and admin use-cases, wired once (bootstrap) and handed to the routes as one
// dependency, so the shopper-facing parts of the app do not change when these do.
import type { Db } from '../db/connection';
import { createAuditLogRepository } from '../repositories/audit-log.repository';
import type { Clock } from '../repositories/clock';
import { createReportRepository } from '../repositories/report.repository';
import { createReportMapRepository, type PlaceReportCount } from '../repositories/report-map.repository';
import { createScanAlertsRepository } from '../repositories/scan-alerts.repository';
import { createReportAlertsRepository } from '../repositories/report-alerts.repository';
import { createAlertsService, type Alert } from './inspector/alerts.service';
import { createSessionRepository } from '../repositories/session.repository';
import { createUserRepository } from '../repositories/user.repository';
import { createRegistryAdminService, type RegistryAdminService } from './admin/registry-admin.service';
import { createAuditService, type AuditService } from './audit/audit.service';
import { createAuthService, type AuthService } from './auth/auth.service';
import { DEFAULT_THROTTLE, createLoginThrottle, type ThrottleRules } from './auth/login-throttle';
import { createUsersService, type UsersService } from './auth/users.service';
import type { StampHistory } from './inspector/stamp-history.service';
import { createStampHistoryPager, type StampHistoryPager } from './inspector/stamp-history-page';
import { createCaseExport, type CaseExport } from './reports/case-export';
import { createReportTriageService, type ReportTriageService } from './reports/report-triage.service';

const HANOI = 'vn:p01';

export interface StaffServices {
  auth: AuthService;
  users: UsersService;
  audit: AuditService;
  triage: ReportTriageService;
  stampHistory: StampHistoryPager;
  registryAdmin: RegistryAdminService;
  caseExport: CaseExport;
  alerts(): Alert[];
  /** Reports per current ward/commune of Hanoi, for the console's schematic map. */
  reportMap(): { province: string; places: PlaceReportCount[] };
}

export function createStaffServices(deps: {
  db: Db;
  clock: Clock;
  history: {
    stampHistory(serial: string, today: string, page?: { before?: number; limit?: number }): StampHistory | null;
    leakedKeyAlerts(): { kid: string; scans: number; serials: number; lastSeenAt: string }[];
  };
  placeName: (id: string) => string | null;
  throttle?: Partial<ThrottleRules>;
  /** What the admins' registry operations need besides the audit log and the clock. */
  registryAdmin: Omit<Parameters<typeof createRegistryAdminService>[0], 'audit' | 'clock'>;
}): StaffServices {
  const { db, clock } = deps;
  const users = createUserRepository(db);
  const sessions = createSessionRepository(db);
  const audit = createAuditService({ log: createAuditLogRepository(db), clock });
  const reportMap = createReportMapRepository(db);
  const throttle = createLoginThrottle({ ...DEFAULT_THROTTLE, ...deps.throttle });
  const triage = createReportTriageService({ reports: createReportRepository(db), users, audit, clock });
  const stampHistory = createStampHistoryPager({ history: deps.history, today: () => clock.today() });
  const alerts = createAlertsService({ reports: createReportAlertsRepository(db), scans: createScanAlertsRepository(db), leakedKeyAlerts: () => deps.history.leakedKeyAlerts(), placeName: deps.placeName, clock });
  return {
    alerts: () => alerts.list(),
    auth: createAuthService({ users, sessions, throttle, audit, clock }),
    users: createUsersService({ users, sessions, audit, clock }),
    audit,
    triage,
    stampHistory,
    caseExport: createCaseExport({ triage, history: stampHistory, audit }),
    registryAdmin: createRegistryAdminService({ ...deps.registryAdmin, audit, clock }),
    reportMap: () => ({ province: HANOI, places: reportMap.countsInProvince(HANOI) }),
  };
}
