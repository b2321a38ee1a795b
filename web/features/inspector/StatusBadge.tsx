import type { ReportStatus } from './console-api';
import type { ConsoleMessages } from './console-messages';

// Words first (never colour alone), with a shape mark for a quick scan of the queue.
const MARK: Record<ReportStatus, string> = { new: '●', verifying: '◐', confirmed_fake: '✖', not_fake: '✔', duplicate: '⧉' };

export function StatusBadge({ m, status }: { m: ConsoleMessages; status: ReportStatus }) {
  return (
    <span class={`badge badge-${status}`}>
      <span aria-hidden="true">{MARK[status]} </span>
      {m[`status_${status}`]}
    </span>
  );
}
