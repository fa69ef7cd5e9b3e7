import type { RackHistoryEntry } from '../api';
import { humanise } from '../live/refresh-rules';
import { StateTimeline } from '../shared/state-timeline';

/** Every lifecycle step of the rack, oldest first: when, from → to, who, why. */
export function RackTimeline({ history }: { history: RackHistoryEntry[] }) {
  return <StateTimeline history={history} words={humanise} />;
}
