import type { LiveEvent } from '@rackeval/api-client';

/** The views that hold server data and may need to refresh when something happens. */
export type LiveView = 'board' | 'rack' | 'options' | 'option' | 'bays' | 'catalogue';

const PREFIX = 'rackeval.';

/** `rackeval.intake.rack.inspected.v1` → { service: 'intake', entity: 'rack', action: 'inspected' }. */
export function eventKind(type: string): { service: string; entity: string; action: string } | null {
  if (!type.startsWith(PREFIX)) return null;
  const [service, entity, action] = type.slice(PREFIX.length).split('.');
  return service && entity && action ? { service, entity, action } : null;
}

/**
 * Which views an event touches. Rack-keyed views (board, rack, option) refresh only the rack
 * named by the event's subject, so a busy programme does not reload whole lists.
 */
export function viewsAffectedBy(event: LiveEvent): LiveView[] {
  const kind = eventKind(event.type);
  if (!kind) return [];
  switch (kind.service) {
    case 'intake':
      return kind.entity === 'generation' ? ['catalogue'] : ['board', 'rack'];
    case 'test-run':
      // A run occupies or frees a bay; the rack's state change arrives separately from intake.
      return kind.entity === 'run' ? ['rack', 'bays'] : ['catalogue'];
    case 'results':
      // A verdict changes the rack page; a concluded evaluation makes its option exercisable (or not).
      return kind.entity === 'rack' ? ['rack', 'options', 'option'] : ['rack'];
    case 'purchase-option':
      return ['options', 'option'];
    default:
      return [];
  }
}

/** Whether a view showing `serial` (or a whole list, when omitted) should refresh for this event. */
export function affects(event: LiveEvent, view: LiveView, serial?: string): boolean {
  if (!viewsAffectedBy(event).includes(view)) return false;
  return serial === undefined || event.subject === serial;
}

/** A short sentence for the screen-reader announcement of an update. */
export function describeEvent(event: LiveEvent): string {
  const kind = eventKind(event.type);
  if (!kind) return `Update for ${event.subject}`;
  const data = (event.data ?? {}) as { to?: string };
  if (kind.action === 'state-changed' && data.to)
    return `${kind.entity === 'option' ? 'Option for' : 'Rack'} ${event.subject} is now ${humanise(data.to)}`;
  return `${capitalise(kind.entity.replace(/-/g, ' '))} ${event.subject}: ${kind.action.replace(/-/g, ' ')}`;
}

/** `RETURNED_FOR_RMA` → `returned for RMA` (an abbreviation keeps its capitals). */
export const humanise = (code: string) =>
  code
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/\brma\b/g, 'RMA');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
