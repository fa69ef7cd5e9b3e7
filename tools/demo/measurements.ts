// Realistic samples: a rack's figures scatter around its mean with gaussian noise, one sample
// every 30 s of the run. A failing rack's mean sits on the wrong side of its threshold.
import { figureOf, GenerationCode } from './catalogue';

export interface Sample {
  metric: string;
  value: number;
  unit: string;
  component?: string;
  observedAt: string;
}

/** A small seeded generator, so one serial always yields the same figures. */
export function randomFor(seed: string): () => number {
  let state = [...seed].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16777619), 2166136261) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Where a failing rack's mean lands: clearly past the threshold the criterion checks. */
function failingMean(generation: GenerationCode, metric: string): number {
  const figure = figureOf(generation, metric);
  if (figure.comparator === 'gte') return figure.min! * 0.93;
  return figure.max! * 1.04 + (figure.comparator === 'between' ? 1 : 0);
}

export interface SampleRequest {
  generation: GenerationCode;
  metrics: readonly string[];
  /** Metrics this run fails on; the others behave. */
  failing?: readonly string[];
  /** The rack's own offset from the nominal figures (a unit a little better or worse than its peers). */
  quality: number;
  samplesPerMetric: number;
  seed: string;
  endingAt?: Date;
}

const INTERVAL_MS = 30_000;
const GPU_METRICS = new Set(['gpu_temp_max']);

export function samplesFor(request: SampleRequest): Sample[] {
  const random = randomFor(request.seed);
  const end = (request.endingAt ?? new Date()).getTime();
  const samples: Sample[] = [];
  for (const metric of request.metrics) {
    const figure = figureOf(request.generation, metric);
    const fails = request.failing?.includes(metric) ?? false;
    // Higher-is-better metrics gain from a good unit; lower-is-better ones (power, heat, settle time) shrink.
    const lean = figure.comparator === 'gte' ? 1 + request.quality : figure.comparator === 'lte' ? 1 - request.quality : 1;
    const mean = fails ? failingMean(request.generation, metric) : figure.mean * lean;
    const decimals = Math.abs(mean) >= 1000 ? 0 : mean >= 10 ? 2 : 3;
    for (let i = 0; i < request.samplesPerMetric; i++) {
      const value = mean * (1 + figure.spread * gaussian(random));
      samples.push({
        metric,
        value: Number(Math.max(value, 0).toFixed(decimals)),
        unit: figure.unit,
        ...(GPU_METRICS.has(metric) ? { component: `gpu${i % 8}` } : {}),
        observedAt: new Date(end - (request.samplesPerMetric - i) * INTERVAL_MS).toISOString(),
      });
    }
  }
  return samples;
}
