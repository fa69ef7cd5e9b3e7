import { Injectable } from '@nestjs/common';
import { ABORT_CAUSES, RUN_STATES } from '@rackeval/contracts';
import { ProgrammeQuery } from './dto/programme.query';
import { BayUtilisation, TestRunProgrammeView } from './dto/programme.view';
import { ProgrammeRepository, UseRow } from './programme.repository';
import { hours, sharePct, windowOf } from './programme.rules';

export const DEFAULT_WINDOW_DAYS = 30;

/** Test-run's side of the programme view: runs by state, aborts and bay utilisation per generation. */
@Injectable()
export class ProgrammeService {
  constructor(private readonly repository: ProgrammeRepository) {}

  async figures(query: ProgrammeQuery): Promise<TestRunProgrammeView> {
    const days = query.windowDays ?? DEFAULT_WINDOW_DAYS;
    const { body, asOf } = await this.repository.snapshots.read(`figures:${query.generation ?? '*'}:${days}`, () =>
      this.compute(query.generation ?? null, days),
    );
    return { ...body, asOf };
  }

  async compute(filter: string | null, days: number, now = new Date()): Promise<Omit<TestRunProgrammeView, 'asOf'>> {
    const { from, to } = windowOf(now, days);
    const { generations, states, causes, reasons, capacity, use } = await this.repository.inOneSnapshot(async (manager) => ({
      generations: await this.repository.generations(manager, filter),
      states: await this.repository.runsByState(manager, filter),
      causes: await this.repository.abortCauses(manager, filter),
      reasons: await this.repository.abortReasons(manager, filter),
      capacity: await this.repository.capacity(manager, from, to),
      use: await this.repository.use(manager, from, to, filter),
    }));
    const utilisation = (row: UseRow | undefined): BayUtilisation => ({
      heldPct: sharePct(row?.held ?? '0', capacity.seconds),
      runningPct: sharePct(row?.running ?? '0', capacity.seconds),
      heldBayHours: hours(row?.held ?? '0'),
    });
    return {
      window: { from: from.toISOString(), to: to.toISOString(), days, bays: capacity.bays, availableBayHours: hours(capacity.seconds) },
      bayUtilisation: utilisation(use.find((row) => row.generation === null)),
      generations: generations.map((generation) => {
        const own = states.filter((row) => row.generation === generation);
        const byCause = ABORT_CAUSES.map((cause) => ({
          cause,
          count: causes.find((row) => row.generation === generation && row.cause === cause)?.count ?? 0,
        }));
        const byReason = reasons.filter((row) => row.generation === generation).map(({ reason, count }) => ({ reason, count }));
        return {
          generation,
          runs: own.reduce((sum, row) => sum + row.count, 0),
          runsByState: RUN_STATES.map((state) => ({ state, count: own.find((row) => row.state === state)?.count ?? 0 })),
          aborts: {
            total: own.find((row) => row.state === 'ABORTED')?.count ?? 0,
            byCause,
            attemptsUsed: byCause.find((row) => row.cause === 'DEVICE')!.count,
            byReason,
          },
          bayUtilisation: utilisation(use.find((row) => row.generation === generation)),
        };
      }),
    };
  }
}
