import { Injectable } from '@nestjs/common';
import { OPTION_STATES } from '@rackeval/contracts';
import { PurchaseOptionProgrammeView } from './dto/programme.view';
import { ProgrammeValueRepository } from './programme-value.repository';
import { MoneyRow, ProgrammeRepository } from './programme.repository';
import { sumByCurrency, valueFigures } from './programme.rules';

/** Purchase-option's side of the programme view: options by state, committed spend, exposure, price and time to verdict. */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly repository: ProgrammeRepository,
    private readonly values: ProgrammeValueRepository,
  ) {}

  /**
   * One snapshot of every generation answers both reads: one generation is cut from it. Kept per
   * generation instead, each key went stale and was recomputed on its own, five fleet-wide
   * computations in the background (the value figures alone a second each at 75,000 racks on a
   * loaded machine) competing with the very reads they were for.
   */
  async figures(generation?: string): Promise<PurchaseOptionProgrammeView> {
    const { body, asOf } = await this.repository.snapshots.read('figures:*', () => this.computeFigures());
    return { asOf, generations: generation === undefined ? body.generations : body.generations.filter((g) => g.generation === generation) };
  }

  private async computeFigures(): Promise<Omit<PurchaseOptionProgrammeView, 'asOf'>> {
    const { generations, states, money, prices, targets, verdicts, values } = await this.repository.inOneSnapshot(async (manager) => ({
      generations: await this.repository.generations(manager, null),
      states: await this.repository.optionsByState(manager, null),
      money: await this.repository.money(manager, null),
      prices: await this.repository.prices(manager, null),
      targets: await this.repository.costTargets(manager, null),
      verdicts: await this.repository.daysToVerdict(manager, null),
      values: await this.values.value(manager, null),
    }));
    return {
      generations: generations.map((code) => {
        const own = states.filter((row) => row.generation === code);
        const bucket = (name: MoneyRow['bucket']) =>
          money
            .filter((row) => row.generation === code && row.bucket === name)
            .map(({ currency, amount, options }) => ({ currency, amount, options }));
        const exercisable = bucket('EXERCISABLE');
        const pendingApproval = bucket('PENDING_APPROVAL');
        const price = prices.find((row) => row.generation === code);
        const target = targets.find((row) => row.generation === code);
        const verdict = verdicts.find((row) => row.generation === code);
        return {
          generation: code,
          options: own.reduce((sum, row) => sum + row.count, 0),
          optionsByState: OPTION_STATES.map((state) => ({ state, count: own.find((row) => row.state === state)?.count ?? 0 })),
          committedSpend: sumByCurrency(bucket('EXERCISED')),
          exposure: { total: sumByCurrency([...exercisable, ...pendingApproval]), exercisable, pendingApproval },
          price: price ? { termsVersion: price.version, unitPrice: price.unit_price, currency: price.currency } : null,
          costTargets: target
            ? {
                version: target.version,
                currency: target.currency,
                performanceUnit: target.performance_unit,
                maxUnitPrice: target.max_unit_price,
                maxPricePerPerformanceUnit: target.max_price_per_performance_unit,
                maxTcoPerPerformanceUnit: target.max_tco_per_performance_unit,
              }
            : null,
          daysToVerdict: { verdicts: verdict?.verdicts ?? 0, medianDays: verdict?.median ?? null, p90Days: verdict?.p90 ?? null },
          value: target
            ? valueFigures(
                values.find((row) => row.generation === code),
                target.currency,
              )
            : null,
        };
      }),
    };
  }
}
