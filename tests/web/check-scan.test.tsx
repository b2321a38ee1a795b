// One scan from the scan screen's point of view (web/features/scan/check-scan.ts): what the
// app status, the history and the outbox hold afterwards, on a phone without a connection.
import { afterEach, describe, expect, it } from 'vitest';
import { initialStatus, type AppStatus } from '../../web/app/app-status';
import { startBackground } from '../../web/app/background';
import { checkScan } from '../../web/features/scan/check-scan';
import { setOnline } from './fixtures/screen';

const GTIN = '8934563138165';

afterEach(() => setOnline(true));

describe('checkScan offline', () => {
  it('a queued scan shows in the status bar count at once, not minutes later', async () => {
    setOnline(false);
    let status: AppStatus = initialStatus();
    const background = startBackground((patch) => (status = { ...status, ...(typeof patch === 'function' ? patch(status) : patch) }));
    await background.refresh();
    const before = status.pending;
    await checkScan(GTIN, { background });
    await expect.poll(() => status.pending).toBe(before + 1);
  });
});
