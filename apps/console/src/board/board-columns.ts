import { RACK_STATES, type RackState, type RackSummary } from '@rackeval/api-client';

/** Column titles of the board, in lifecycle order. */
export const STAGE_LABELS: Record<RackState, string> = {
  RECEIVED: 'Received',
  QUARANTINED: 'Quarantined',
  REJECTED_AT_INTAKE: 'Rejected at intake',
  RELEASED_FOR_EVALUATION: 'Released',
  IN_EVALUATION: 'In evaluation',
  EVALUATION_PASSED: 'Passed',
  EVALUATION_FAILED: 'Failed',
  ON_HOLD: 'On hold',
  AWAITING_RETURN: 'Awaiting return',
  RETURNED_FOR_RMA: 'Returned for RMA',
  PURCHASED: 'Purchased',
  RETURNED: 'Returned',
};

export interface BoardColumn {
  state: RackState;
  label: string;
  racks: RackSummary[];
}

/** Every stage gets a column (empty ones too, so the board's shape never shifts), racks by serial. */
export function groupByStage(racks: readonly RackSummary[]): BoardColumn[] {
  return RACK_STATES.map((state) => ({
    state,
    label: STAGE_LABELS[state],
    racks: racks.filter((rack) => rack.state === state).sort((a, b) => a.serial.localeCompare(b.serial)),
  }));
}

/** Puts a freshly read rack in place of its old card (it may have moved column); drops it when it no longer matches the filter. */
export function replaceRack(racks: readonly RackSummary[], updated: RackSummary, matches: (rack: RackSummary) => boolean): RackSummary[] {
  const others = racks.filter((rack) => rack.serial !== updated.serial);
  return matches(updated) ? [...others, updated] : others;
}

export interface BoardFilter {
  generation: string;
  serialPrefix: string;
}

export function matchesFilter(filter: BoardFilter, rack: RackSummary): boolean {
  if (filter.generation && rack.generation !== filter.generation) return false;
  // Serials are case-sensitive, as the service's serialPrefix filter is.
  return !filter.serialPrefix.trim() || rack.serial.startsWith(filter.serialPrefix.trim());
}
