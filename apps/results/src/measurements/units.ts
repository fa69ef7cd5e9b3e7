/**
 * Units a measurement may be logged in, converted on write to the unit of the metric's criterion.
 * Only linear conversions within one dimension; any other unit must match the criterion exactly.
 */
const DIMENSIONS: Record<string, Record<string, number>> = {
  power: { mW: 1e-3, W: 1, kW: 1e3, MW: 1e6 },
  energy: { J: 1, kJ: 1e3, Wh: 3600, kWh: 3.6e6 },
  time: { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1, min: 60, h: 3600 },
  frequency: { Hz: 1, kHz: 1e3, MHz: 1e6, GHz: 1e9 },
  bitRate: { 'bit/s': 1, 'Mbit/s': 1e6, 'Gbit/s': 1e9, 'Tbit/s': 1e12, Gbps: 1e9, Tbps: 1e12 },
  byteRate: { 'B/s': 1, 'MB/s': 1e6, 'GB/s': 1e9, 'TB/s': 1e12 },
  flops: { FLOPS: 1, GFLOPS: 1e9, TFLOPS: 1e12, PFLOPS: 1e15 },
  ratio: { '%': 1e-2, ratio: 1 },
};

const BY_UNIT = new Map<string, { dimension: string; factor: number }>(
  Object.entries(DIMENSIONS).flatMap(([dimension, units]) =>
    Object.entries(units).map(([unit, factor]) => [unit, { dimension, factor }] as const),
  ),
);

export const CONVERTIBLE_UNITS: Readonly<Record<string, Record<string, number>>> = DIMENSIONS;

const same = (value: number) => value;
/** Converters already made, by target then source unit: a batch asks for the same few pairs for every sample. */
const CONVERTERS = new Map<string, Map<string, (value: number) => number>>();

/** A function turning a value in `from` into the `to` unit, or undefined when they cannot be converted. */
export function converter(from: string, to: string): ((value: number) => number) | undefined {
  if (from === to) return same;
  const known = CONVERTERS.get(to)?.get(from);
  if (known) return known;
  const source = BY_UNIT.get(from);
  const target = BY_UNIT.get(to);
  if (!source || !target || source.dimension !== target.dimension) return undefined;
  const ratio = source.factor / target.factor;
  const convert = (value: number) => value * ratio;
  // Only convertible pairs of known units are kept, so the map stays as small as the unit table.
  let byTarget = CONVERTERS.get(to);
  if (!byTarget) CONVERTERS.set(to, (byTarget = new Map()));
  byTarget.set(from, convert);
  return convert;
}

/** Units `to` accepts, for refusal messages. */
export function acceptedUnits(to: string): string[] {
  const target = BY_UNIT.get(to);
  return target ? Object.keys(DIMENSIONS[target.dimension]) : [to];
}

export function dimensionOf(unit: string): string | undefined {
  return BY_UNIT.get(unit)?.dimension;
}
