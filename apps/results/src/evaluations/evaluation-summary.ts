import type { FigureV1 } from '@rackeval/contracts';
import { converter } from '../measurements/units';
import type { CriterionJudgement } from '../verdicts/judge';

export interface EvaluationSummary {
  criteriaMet: number;
  criteriaTotal: number;
  performance?: FigureV1;
  power?: FigureV1;
  performancePerWatt?: FigureV1;
}

/**
 * Figures finance needs, from the criteria results of the runs that decided each suite.
 * Performance is the first criterion of category `performance`, power the first of category
 * `power` (in suite-plan then criteria order). Targets: the floor of a performance criterion
 * (min, else max) and the ceiling of a power criterion (max, else min). Performance per watt is
 * measured performance over measured power in W; its target is the performance floor over the
 * power ceiling — the least efficiency the targets allow.
 */
export function summarise(judgements: readonly CriterionJudgement[]): EvaluationSummary {
  const criteriaMet = judgements.filter((j) => j.result === 'PASS').length;
  const perf = judgements.find((j) => j.category === 'performance');
  const power = judgements.find((j) => j.category === 'power');
  const summary: EvaluationSummary = { criteriaMet, criteriaTotal: judgements.length };
  if (perf) summary.performance = figure(perf, perf.min ?? perf.max);
  if (power) summary.power = figure(power, power.max ?? power.min);
  if (perf && power) {
    const toWatts = converter(power.unit, 'W');
    if (toWatts) {
      const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b !== 0 ? a / toWatts(b) : undefined);
      summary.performancePerWatt = figure(
        { metric: `${perf.metric}/${power.metric}`, unit: `${perf.unit}/W` },
        ratio(summary.performance!.target, summary.power!.target),
        ratio(perf.measured, power.measured),
      );
    }
  }
  return summary;
}

/** Headline figures keep 9 significant digits: beyond that a mean or a ratio carries only float noise. */
export const significant = (value: number) => Number(value.toPrecision(9));

function figure(source: { metric: string; unit: string; measured?: number }, target?: number, measured = source.measured): FigureV1 {
  return {
    metric: source.metric,
    unit: source.unit,
    ...(measured !== undefined ? { measured: significant(measured) } : {}),
    ...(target !== undefined ? { target: significant(target) } : {}),
  };
}
