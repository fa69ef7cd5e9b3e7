import type { Bay, Run, Suite } from '../api';

/** Free bays, those at the rack's site first (racks rarely move between sites for a run). */
export function freeBays(bays: readonly Bay[], site?: string): Bay[] {
  return bays.filter((bay) => bay.free).sort((a, b) => Number(b.site === site) - Number(a.site === site) || a.code.localeCompare(b.code));
}

export const isActive = (run: Pick<Run, 'state'>) => run.state === 'SCHEDULED' || run.state === 'RUNNING';

export interface SuiteChoice {
  suite: Suite;
  attemptsUsed: number;
  /** Why it cannot be scheduled now, or null when it can. */
  blockedBy: string | null;
}

/** What the scheduling form offers: each suite of the plan with its attempts and whether it can run now. */
export function suiteChoices(suites: readonly Suite[], runs: readonly Run[]): SuiteChoice[] {
  const active = runs.find(isActive);
  return suites.map((suite) => {
    const ofSuite = runs.filter((run) => run.suite === suite.key);
    const attemptsUsed = ofSuite.reduce((most, run) => Math.max(most, run.attempt), 0);
    let blockedBy: string | null = null;
    if (active) blockedBy = `the rack already has a ${active.state.toLowerCase()} run (${active.suite})`;
    else if (attemptsUsed >= suite.maxAttempts) blockedBy = 'no attempts left';
    return { suite, attemptsUsed, blockedBy };
  });
}

/** Which lifecycle buttons a run offers in its state. */
export function runActions(run: Pick<Run, 'state'>): Array<'start' | 'complete' | 'abort'> {
  switch (run.state) {
    case 'SCHEDULED':
      return ['start', 'abort'];
    case 'RUNNING':
      return ['complete', 'abort'];
    default:
      return [];
  }
}
