// Under an offline verdict: whether this scan still waits for upload, was refused, or has
// been checked online. Read from this scan's own outbox entry, not the app-wide pending
// count, which other scans and reports share.
import { useEffect, useState } from 'preact/hooks';
import { useStatus } from '../../app/app-status';
import { offline } from '../../app/offline-access';
import { useI18n } from '../../i18n/i18n';
import { Icon } from '../../ui/Icon';

type UploadState = 'queued' | 'refused' | 'done';

export function UploadNotice({ id }: { id: string }) {
  const { t } = useI18n();
  const status = useStatus();
  // Just queued, as far as the screen knows until the store says otherwise.
  const [state, setState] = useState<UploadState>('queued');
  useEffect(() => {
    let live = true;
    offline()
      .then(({ mod, store }) => mod.uploadState(store, id))
      .then((s) => live && setState(s))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [id, status.pending, status.historyRevision]);
  return (
    <p class="notice" data-pending={state === 'queued' ? 'true' : 'false'}>
      <Icon name="offline" size={18} /> {state === 'queued' ? t.verdictPending : state === 'refused' ? t.verdictUploadRefused : t.verdictOfflineUpgraded}
    </p>
  );
}
