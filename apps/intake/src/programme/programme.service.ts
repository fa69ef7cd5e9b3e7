import { Injectable } from '@nestjs/common';
import { RACK_STATES } from '@rackeval/contracts';
import { IntakeProgrammeView } from './dto/programme.view';
import { LotScorecardView, SupplierScorecardView } from './dto/scorecard.view';
import { ProgrammeRepository } from './programme.repository';
import { byFailureRate, outcome } from './programme.rules';

/** Intake's side of the programme view: racks, deliveries, domestic content and time to release per generation. */
@Injectable()
export class ProgrammeService {
  constructor(private readonly repository: ProgrammeRepository) {}

  figures(generation?: string): Promise<IntakeProgrammeView> {
    return this.snapshot(`figures:${generation ?? '*'}`, () => this.computeFigures(generation));
  }

  suppliers(generation?: string): Promise<SupplierScorecardView> {
    return this.snapshot(`suppliers:${generation ?? '*'}`, () => this.computeSuppliers(generation));
  }

  lots(generation?: string): Promise<LotScorecardView> {
    return this.snapshot(`lots:${generation ?? '*'}`, () => this.computeLots(generation));
  }

  private async snapshot<T extends object>(key: string, compute: () => Promise<Omit<T, 'asOf'>>): Promise<T> {
    const { body, asOf } = await this.repository.snapshots.read(key, compute);
    return { ...body, asOf } as T;
  }

  private async computeFigures(generation?: string): Promise<Omit<IntakeProgrammeView, 'asOf'>> {
    const filter = generation ?? null;
    const { generations, states, releases } = await this.repository.inOneSnapshot(async (manager) => ({
      generations: await this.repository.generations(manager, filter),
      states: await this.repository.racksByState(manager, filter),
      releases: await this.repository.deliveryToRelease(manager, filter),
    }));
    return {
      generations: generations.map((g) => {
        const release = releases.find((r) => r.generation === g.code);
        return {
          generation: g.code,
          name: g.name,
          racks: g.racks,
          racksByState: RACK_STATES.map((state) => ({
            state,
            count: states.find((s) => s.generation === g.code && s.state === state)?.count ?? 0,
          })),
          deliveries: g.deliveries,
          domesticContent: {
            targetPct: g.target,
            meanPct: g.mean,
            stddevPct: g.stddev,
            minPct: g.min,
            maxPct: g.max,
            meetingTarget: g.meeting,
            meetingTargetPct: g.meeting_pct,
          },
          deliveryToRelease: { released: release?.released ?? 0, medianDays: release?.median ?? null, p90Days: release?.p90 ?? null },
        };
      }),
    };
  }

  private async computeSuppliers(generation?: string): Promise<Omit<SupplierScorecardView, 'asOf'>> {
    const rows = await this.repository.inOneSnapshot((manager) => this.repository.suppliers(manager, generation ?? null));
    const totals = rows.filter((row) => row.generation === null);
    return {
      suppliers: totals
        .map((total) => ({
          supplier: total.supplier,
          currency: total.currency,
          ...outcome(total),
          cost: total.cost,
          domesticCost: total.domestic_cost,
          domesticSharePct: total.domestic_share_pct,
          byGeneration: rows
            .filter((row) => row.generation !== null && row.supplier === total.supplier && row.currency === total.currency)
            .map((row) => ({ generation: row.generation!, ...outcome(row), domesticSharePct: row.domestic_share_pct })),
        }))
        .sort(byFailureRate((s) => s.supplier)),
    };
  }

  private async computeLots(generation?: string): Promise<Omit<LotScorecardView, 'asOf'>> {
    const rows = await this.repository.inOneSnapshot((manager) => this.repository.lots(manager, generation ?? null));
    return {
      lots: rows
        .map((row) => ({
          lot: row.lot,
          generation: row.generation,
          ...outcome(row),
          meanDomesticContentPct: row.mean_pct,
          domesticContentTargetPct: row.target,
        }))
        .sort(byFailureRate((l) => `${l.generation} ${l.lot}`)),
    };
  }
}
