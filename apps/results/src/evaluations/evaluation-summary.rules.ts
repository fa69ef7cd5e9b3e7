import type { FigureV1 } from '@rackeval/contracts';
import { converter } from '../measurements/units';
import type { CriterionJudgement } from '../verdicts/run-verdict.rules';

export interface EvaluationSummary {
  criteriaMet: number;
  criteriaTotal: number;
  performance?: FigureV1;
  power?: FigureV1;
  performancePerWatt?: FigureV1;
  /** Power measured in the same run as `performance`, in kW. */
  performanceRunPower?: FigureV1;
}

/** A criterion's result in the run that decided its suite. */
export type SuiteJudgement = CriterionJudgement & { runId?: string; suite?: string };

/**
 * Figures finance needs, from the criteria results of the runs that decided each suite.
 * Performance is the first criterion of category `performance`, power the first of category
 * `power` (in suite-plan then criteria order). Targets: the floor of a performance criterion
 * (min, else max) and the ceiling of a power criterion (max, else min).
 *
 * Performance per watt divides measured performance by the power measured **in the same run**
 * (a burn-in run's power says nothing about the efficiency of a training run); that power, in kW,
 * is also `performanceRunPower`, which the cost of ownership uses. Its target is the performance
 * floor over that power criterion's ceiling — the least efficiency the targets allow. When the
 * performance run measured no power, the figures say so (`note`) instead of borrowing another run's.
 */
export function summarise(judgements: readonly SuiteJudgement[]): EvaluationSummary {
  const criteriaMet = judgements.filter((j) => j.result === 'PASS').length;
  const perf = judgements.find((j) => j.category === 'performance');
  const power = judgements.find((j) => j.category === 'power');
  const summary: EvaluationSummary = { criteriaMet, criteriaTotal: judgements.length };
  if (perf) summary.performance = figure(perf, perf.min ?? perf.max);
  if (power) summary.power = figure(power, power.max ?? power.min);
  if (perf) Object.assign(summary, sameRunFigures(perf, judgements, power?.metric));
  return summary;
}

function sameRunFigures(
  perf: SuiteJudgement,
  judgements: readonly SuiteJudgement[],
  headlinePowerMetric?: string,
): Partial<EvaluationSummary> {
  const where = perf.suite ? `the ${perf.suite} run` : 'the run';
  const inRun = judgements.filter((j) => j.runId === perf.runId && j.category === 'power' && converter(j.unit, 'kW'));
  // The headline power metric when that run measured it, else the run's first power figure.
  const power =
    inRun.find((j) => j.metric === headlinePowerMetric && j.measured !== undefined) ??
    inRun.find((j) => j.measured !== undefined) ??
    inRun[0];
  const ratioMetric = `${perf.metric}/${power?.metric ?? 'power'}`;
  const suite = perf.suite ? { suite: perf.suite } : {};
  if (!power) {
    const note = `no power criterion was measured in ${where} that measured ${perf.metric}`;
    return {
      performanceRunPower: { metric: 'power', unit: 'kW', ...suite, note },
      performancePerWatt: { metric: ratioMetric, unit: `${perf.unit}/W`, ...suite, note },
    };
  }
  const toKw = converter(power.unit, 'kW')!;
  const toW = converter(power.unit, 'W')!;
  const ceiling = power.max ?? power.min;
  const runPower = figure(
    { metric: power.metric, unit: 'kW', measured: power.measured === undefined ? undefined : toKw(power.measured) },
    ceiling === undefined ? undefined : toKw(ceiling),
  );
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b !== 0 ? a / toW(b) : undefined);
  const perWatt = figure(
    { metric: ratioMetric, unit: `${perf.unit}/W` },
    ratio(perf.min ?? perf.max, ceiling),
    ratio(perf.measured, power.measured),
  );
  const missing =
    perf.measured === undefined
      ? `${perf.metric} has no samples in ${where}`
      : power.measured === undefined
        ? `${power.metric} has no samples in ${where} that measured ${perf.metric}`
        : undefined;
  return {
    performanceRunPower: {
      ...runPower,
      ...suite,
      ...(power.measured === undefined ? { note: `${power.metric} has no samples in ${where}` } : {}),
    },
    performancePerWatt: { ...perWatt, ...suite, ...(missing ? { note: missing } : {}) },
  };
}

/** Headline figures keep 9 significant digits: beyond that a mean or a ratio carries only float noise. */
export const significant = (value: number) => Number(value.toPrecision(9));

function figure(
  source: { metric: string; unit: string; measured?: number; suite?: string },
  target?: number,
  measured = source.measured,
): FigureV1 {
  return {
    metric: source.metric,
    unit: source.unit,
    ...(measured !== undefined ? { measured: significant(measured) } : {}),
    ...(target !== undefined ? { target: significant(target) } : {}),
    ...(source.suite ? { suite: source.suite } : {}),
  };
}
