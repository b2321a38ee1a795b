import { useI18n } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { dataAsOf, useStatus } from './app-status';
import { showDate } from './vietnam-time';

/** "Offline · data as of …", syncing, and scans waiting to upload: always visible, in words. */
export function StatusBar() {
  const { t } = useI18n();
  const s = useStatus();
  // Nothing until the copy has been read, so the bar does not change height on start.
  const asOf = s.registry === null ? '' : s.registry.version ? t.statusDataAsOf(showDate(dataAsOf(s.registry))) : t.statusNoData;
  return (
    <p class={`status-bar${s.online ? '' : ' offline'}`} role="status" data-online={s.online ? 'true' : 'false'}>
      {s.online ? null : <Icon name="offline" size={18} />}
      <span>{s.online ? t.statusOnline : t.statusOffline}</span>
      {s.syncing || asOf ? <span> · {s.syncing ? t.statusSyncing : asOf}</span> : null}
      {s.pending ? <span> · {t.statusPending(s.pending)}</span> : null}
    </p>
  );
}
