import { PRINTABLE_TEXT } from '@rackeval/platform';
import { isoInstant, isoOf, rfc3339Millis } from '../measurements/instant-check';
import { isComponent, isUnit, type MeasurementInput } from '../measurements/measurement-batch.parser';
import {
  evaluateValidator,
  validationOf,
  validatorProblem,
  type MeasurementValue,
  type Validator,
  type ValidatorOutcome,
} from './ocptv-validators';

/**
 * A reader of OCP Test & Validation output (spec v2.0, JSON lines), one artifact per line. It
 * keeps only what later lines refer to (hardware infos, open measurement series), never the
 * artifacts themselves, so a stream of any length parses in constant memory.
 */
export interface LineResult {
  samples: MeasurementInput[];
  /** What is stored beside the numeric samples: non-numeric or unit-less measurements, diagnoses, logs, errors, files. */
  records?: ArtifactRecord[];
  /** The run's DUT inventory (testRunStart.dutInfo), as the harness wrote it. */
  dut?: Record<string, unknown>;
  /** `rule`: well-formed but against a rule of the domain (wrong rack), as opposed to malformed. */
  problem?: { message: string; rule: boolean };
}

export interface StreamSummary {
  artifacts: number;
  steps: number;
  runStatus?: string;
  runResult?: string;
  diagnoses: Record<string, number>;
  /** Measurements whose validators all passed / at least one failed. */
  validations?: { PASS: number; FAIL: number };
  /** Stored artifacts other than numeric samples, by kind. */
  records?: Partial<Record<ArtifactRecordKind, number>>;
}

type Json = Record<string, unknown>;

export const ARTIFACT_RECORD_KINDS = ['MEASUREMENT', 'DIAGNOSIS', 'LOG', 'ERROR', 'FILE'] as const;
export type ArtifactRecordKind = (typeof ARTIFACT_RECORD_KINDS)[number];

/**
 * One stored OCPTV artifact other than a numeric sample. `name` is the measurement's name, the
 * diagnosis verdict, the error symptom or the file's display name; `level` the log severity
 * (ERROR for an error artifact) or the diagnosis type (PASS, FAIL, UNKNOWN).
 */
export interface ArtifactRecord {
  kind: ArtifactRecordKind;
  sequence: number;
  at: string;
  stepId?: string;
  name?: string;
  value?: MeasurementValue;
  unit?: string;
  component?: string;
  hardwareInfoId?: string;
  level?: string;
  message?: string;
  uri?: string;
  contentType?: string;
  validators?: ValidatorOutcome[];
  validation?: 'PASS' | 'FAIL';
  /** Whether a numeric value also went to the measurements (only its failed validators are recorded here). */
  inMeasurements?: boolean;
  /** A file artifact whose file came with the upload: the run's attachment holding it. */
  attachmentId?: string;
}

const RUN_STATUS = ['COMPLETE', 'ERROR', 'SKIP'];
const RUN_RESULT = ['PASS', 'FAIL', 'NOT_APPLICABLE'];
const SEVERITY = ['INFO', 'DEBUG', 'WARNING', 'ERROR', 'FATAL'];
const DIAGNOSIS = ['PASS', 'FAIL', 'UNKNOWN'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
/** Names that become stored values (metric names): bounded, printable, never a NUL. */
const isName = (v: unknown): v is string => isString(v) && v.length >= 1 && v.length <= 128 && PRINTABLE_TEXT.test(v);

class Bad extends Error {
  constructor(
    message: string,
    readonly rule = false,
  ) {
    super(message);
  }
}
/** `message` is a function where it is built from values: it then costs nothing on the good lines. */
const need = (ok: boolean, message: string | (() => string), rule = false) => {
  if (!ok) throw new Bad(typeof message === 'string' ? message : message(), rule);
};
/** The single key of a oneOf-style object, e.g. `testRunStart` in a testRunArtifact. */
function onlyOneOf(value: Json, keys: readonly string[], where: string): string {
  let found: string | undefined;
  let count = 0;
  for (const key of keys) {
    if (key in value) {
      found = key;
      count += 1;
    }
  }
  need(
    count === 1,
    () => `${where} must hold exactly one of ${keys.join(', ')} (found ${keys.filter((key) => key in value).join(', ') || 'none'})`,
  );
  return found!;
}

const ARTIFACT_KINDS = ['schemaVersion', 'testRunArtifact', 'testStepArtifact'] as const;
const RUN_ARTIFACT_KINDS = ['testRunStart', 'testRunEnd', 'log', 'error'] as const;
const STEP_ARTIFACT_KINDS = [
  'testStepStart',
  'testStepEnd',
  'measurement',
  'measurementSeriesStart',
  'measurementSeriesEnd',
  'measurementSeriesElement',
  'error',
  'log',
  'diagnosis',
  'file',
  'extension',
] as const;

interface Series {
  name: string;
  unit?: string;
  component?: string;
  hardwareInfoId?: string;
  validators?: Validator[];
  count: number;
}

/** What later lines depend on, kept between the chunks of a resumable upload (plain JSON). */
export interface OcptvParserState {
  summary: StreamSummary;
  schemaSeen: boolean;
  runStarted: boolean;
  runEnded: boolean;
  hardware: Array<[string, string]>;
  series: Array<[string, Series]>;
}

export class OcptvStreamParser {
  readonly summary: StreamSummary = { artifacts: 0, steps: 0, diagnoses: {} };
  private schemaSeen = false;
  private runStarted = false;
  private runEnded = false;
  private readonly hardware = new Map<string, string>();
  private readonly series = new Map<string, Series>();

  constructor(private readonly rackSerial: string) {}

  /** A parser that goes on where `snapshot()` was taken, e.g. in the next chunk of an upload. */
  static restore(rackSerial: string, state: OcptvParserState): OcptvStreamParser {
    const parser = new OcptvStreamParser(rackSerial);
    Object.assign(parser.summary, structuredClone(state.summary));
    parser.schemaSeen = state.schemaSeen;
    parser.runStarted = state.runStarted;
    parser.runEnded = state.runEnded;
    for (const [id, name] of state.hardware) parser.hardware.set(id, name);
    for (const [id, series] of state.series) parser.series.set(id, { ...series });
    return parser;
  }

  snapshot(): OcptvParserState {
    return {
      summary: structuredClone(this.summary),
      schemaSeen: this.schemaSeen,
      runStarted: this.runStarted,
      runEnded: this.runEnded,
      hardware: [...this.hardware],
      series: [...this.series].map(([id, series]) => [id, { ...series }]),
    };
  }

  parse(line: string): LineResult {
    try {
      let artifact: unknown;
      try {
        artifact = JSON.parse(line);
      } catch {
        throw new Bad('not valid JSON');
      }
      need(isObject(artifact), 'an artifact must be a JSON object');
      const a = artifact as Json;
      need(Number.isInteger(a.sequenceNumber) && (a.sequenceNumber as number) >= 0, 'sequenceNumber must be a non-negative integer');
      const at = rfc3339Millis(a.timestamp);
      need(at !== undefined, 'timestamp must be an RFC 3339 date-time (a real date, years 0001-9999 in UTC)');
      const kind = onlyOneOf(a, ARTIFACT_KINDS, 'an artifact');
      this.summary.artifacts += 1;
      if (kind === 'schemaVersion') return this.schemaVersion(a.schemaVersion);
      need(this.schemaSeen, 'the first artifact must be schemaVersion');
      const result =
        kind === 'testRunArtifact'
          ? this.runArtifact(a.testRunArtifact, a.sequenceNumber as number, at!)
          : this.stepArtifact(a.testStepArtifact, at!, a.timestamp as string, a.sequenceNumber as number);
      if (result.records?.length) {
        const counts = (this.summary.records ??= {});
        for (const record of result.records) counts[record.kind] = (counts[record.kind] ?? 0) + 1;
      }
      return result;
    } catch (error) {
      if (error instanceof Bad) return { samples: [], problem: { message: error.message, rule: error.rule } };
      throw error;
    }
  }

  /** Problems only visible at the end: a stream cut short. */
  finish(): string[] {
    const problems: string[] = [];
    if (!this.runStarted) problems.push('the stream has no testRunStart');
    else if (!this.runEnded) problems.push('the stream ended without testRunEnd (truncated?)');
    for (const id of this.series.keys()) problems.push(`measurement series ${id} has no measurementSeriesEnd`);
    return problems;
  }

  private schemaVersion(version: unknown): LineResult {
    need(!this.schemaSeen, 'schemaVersion appears twice');
    need(
      isObject(version) && version.major === 2 && Number.isInteger(version.minor),
      'schemaVersion must be {major: 2, minor: <int>} (OCPTV 2.x)',
    );
    this.schemaSeen = true;
    return { samples: [] };
  }

  private runArtifact(artifact: unknown, sequence: number, at: number): LineResult {
    need(isObject(artifact), 'testRunArtifact must be an object');
    const a = artifact as Json;
    const kind = onlyOneOf(a, RUN_ARTIFACT_KINDS, 'testRunArtifact');
    const body = a[kind];
    need(isObject(body), () => `${kind} must be an object`);
    const b = body as Json;
    if (kind === 'testRunStart') return this.runStart(b);
    if (kind === 'testRunEnd') {
      need(this.runStarted && !this.runEnded, 'testRunEnd must follow one testRunStart');
      need(RUN_STATUS.includes(b.status as string), `testRunEnd.status must be one of ${RUN_STATUS.join(', ')}`);
      need(RUN_RESULT.includes(b.result as string), `testRunEnd.result must be one of ${RUN_RESULT.join(', ')}`);
      this.runEnded = true;
      this.summary.runStatus = b.status as string;
      this.summary.runResult = b.result as string;
      return { samples: [] };
    }
    return { samples: [], records: [this.logOrError(kind, b, sequence, at, undefined)] };
  }

  private runStart(b: Json): LineResult {
    need(!this.runStarted, 'testRunStart appears twice');
    need(isString(b.name) && isString(b.version) && isString(b.commandLine), 'testRunStart needs name, version and commandLine');
    need(isObject(b.parameters), 'testRunStart.parameters must be an object');
    need(isObject(b.dutInfo) && isString((b.dutInfo as Json).dutInfoId), 'testRunStart.dutInfo needs a dutInfoId');
    const infos = (b.dutInfo as Json).hardwareInfos ?? [];
    need(Array.isArray(infos), 'dutInfo.hardwareInfos must be an array');
    const serials: string[] = [];
    (infos as unknown[]).forEach((info, i) => {
      need(
        isObject(info) && isString(info.hardwareInfoId) && isString(info.name),
        `dutInfo.hardwareInfos[${i}] needs hardwareInfoId and name`,
      );
      const hw = info as Json;
      this.hardware.set(hw.hardwareInfoId as string, hw.name as string);
      if (isString(hw.serialNumber)) serials.push(hw.serialNumber);
    });
    // Marked started first, so the lines after a wrong-rack start are still checked and reported.
    this.runStarted = true;
    need(
      serials.includes(this.rackSerial),
      `dutInfo.hardwareInfos[].serialNumber must include the run's rack ${this.rackSerial} (found ${serials.join(', ') || 'none'})`,
      true,
    );
    return { samples: [], dut: b.dutInfo as Json };
  }

  private logOrError(kind: string, b: Json, sequence: number, at: number, stepId: string | undefined): ArtifactRecord {
    const base = { sequence, at: new Date(at).toISOString(), ...(stepId !== undefined ? { stepId } : {}) };
    if (kind === 'log') {
      need(SEVERITY.includes(b.severity as string) && isString(b.message), `log needs severity (${SEVERITY.join(', ')}) and message`);
      return { ...base, kind: 'LOG', level: b.severity as string, message: b.message as string };
    }
    need(isString(b.symptom), 'error needs a symptom');
    need(b.message === undefined || isString(b.message), 'error.message must be a string');
    return { ...base, kind: 'ERROR', level: 'ERROR', name: b.symptom as string, ...(isString(b.message) ? { message: b.message } : {}) };
  }

  /**
   * `timestamp`: the artifact's own, already checked (ms since the epoch; `stamp` as sent); a single
   * measurement is observed then.
   */
  private stepArtifact(artifact: unknown, timestamp: number, stamp: string, sequence: number): LineResult {
    need(this.runStarted && !this.runEnded, 'step artifacts must come between testRunStart and testRunEnd');
    need(isObject(artifact) && isString(artifact.testStepId), 'testStepArtifact needs a testStepId');
    const a = artifact as Json;
    const kind = onlyOneOf(a, STEP_ARTIFACT_KINDS, 'testStepArtifact') as (typeof STEP_ARTIFACT_KINDS)[number];
    const body = a[kind];
    need(isObject(body), () => `${kind} must be an object`);
    const b = body as Json;
    const stepId = a.testStepId as string;
    // Built only for the artifacts that keep it: a series element carries its own timestamp.
    const base = () => ({ sequence, at: isoOf(stamp, timestamp), stepId });
    switch (kind) {
      case 'testStepStart':
        need(isString(b.name), 'testStepStart needs a name');
        this.summary.steps += 1;
        return { samples: [] };
      case 'testStepEnd':
        need(RUN_STATUS.includes(b.status as string), `testStepEnd.status must be one of ${RUN_STATUS.join(', ')}`);
        return { samples: [] };
      case 'measurement':
        need(isName(b.name), 'measurement needs a name of 1-128 characters without control characters');
        return this.measured(
          {
            name: b.name as string,
            unit: b.unit as string | undefined,
            component: this.componentOf(b),
            hardwareInfoId: this.hardwareOf(b),
            validators: this.validators(b),
          },
          b.value,
          base(),
        );
      case 'measurementSeriesStart': {
        need(
          isString(b.measurementSeriesId) && isName(b.name),
          'measurementSeriesStart needs measurementSeriesId and a name of 1-128 characters without control characters',
        );
        const id = b.measurementSeriesId as string;
        need(!this.series.has(id), () => `measurement series ${id} is already open`);
        const validators = this.validators(b);
        this.series.set(id, {
          name: b.name as string,
          unit: b.unit as string | undefined,
          component: this.componentOf(b),
          ...(this.hardwareOf(b) ? { hardwareInfoId: this.hardwareOf(b) } : {}),
          ...(validators ? { validators } : {}),
          count: 0,
        });
        return { samples: [] };
      }
      case 'measurementSeriesElement': {
        const series = this.series.get(b.measurementSeriesId as string);
        need(series !== undefined, () => `measurementSeriesElement refers to series ${String(b.measurementSeriesId)}, which is not open`);
        need(Number.isInteger(b.index) && (b.index as number) >= 0, 'measurementSeriesElement.index must be a non-negative integer');
        const observedAt = isoInstant(b.timestamp);
        need(
          observedAt !== undefined,
          'measurementSeriesElement.timestamp must be an RFC 3339 date-time (a real date, years 0001-9999 in UTC)',
        );
        series!.count += 1;
        return this.measured(series!, b.value, { sequence, at: observedAt!, stepId });
      }
      case 'measurementSeriesEnd': {
        const id = b.measurementSeriesId as string;
        const series = this.series.get(id);
        need(series !== undefined, () => `measurementSeriesEnd refers to series ${String(id)}, which is not open`);
        need(
          b.totalCount === series!.count,
          () => `measurement series ${id} ends with totalCount ${String(b.totalCount)} but ${series!.count} elements arrived`,
        );
        this.series.delete(id);
        return { samples: [] };
      }
      case 'diagnosis':
        need(isString(b.verdict) && DIAGNOSIS.includes(b.type as string), `diagnosis needs a verdict and a type (${DIAGNOSIS.join(', ')})`);
        need(b.message === undefined || isString(b.message), 'diagnosis.message must be a string');
        this.summary.diagnoses[b.type as string] = (this.summary.diagnoses[b.type as string] ?? 0) + 1;
        return {
          samples: [],
          records: [
            this.located(
              {
                ...base(),
                kind: 'DIAGNOSIS',
                level: b.type as string,
                name: b.verdict as string,
                ...(isString(b.message) ? { message: b.message } : {}),
              },
              b,
            ),
          ],
        };
      case 'file':
        need(isString(b.displayName) && isString(b.uri) && typeof b.isSnapshot === 'boolean', 'file needs displayName, uri and isSnapshot');
        need(b.contentType === undefined || isString(b.contentType), 'file.contentType must be a string');
        return {
          samples: [],
          records: [
            {
              ...base(),
              kind: 'FILE',
              name: b.displayName as string,
              uri: b.uri as string,
              ...(isString(b.contentType) ? { contentType: b.contentType } : {}),
              ...(isString(b.description) ? { message: b.description } : {}),
            },
          ],
        };
      case 'extension':
        need(isString(b.name) && isObject(b.content), 'extension needs a name and an object content');
        return { samples: [] };
      default:
        return { samples: [], records: [this.logOrError(kind, b, sequence, timestamp, stepId)] };
    }
  }

  /** The hardware or subcomponent an artifact is about, by the name the DUT info gave it. */
  private located(record: ArtifactRecord, b: Json): ArtifactRecord {
    const component = this.componentOf(b);
    const hardwareInfoId = this.hardwareOf(b);
    return { ...record, ...(component ? { component } : {}), ...(hardwareInfoId ? { hardwareInfoId } : {}) };
  }

  private hardwareOf(b: Json): string | undefined {
    return isString(b.hardwareInfoId) ? b.hardwareInfoId : undefined;
  }

  private validators(b: Json): Validator[] | undefined {
    if (b.validators === undefined) return undefined;
    need(Array.isArray(b.validators), 'validators must be an array');
    (b.validators as unknown[]).forEach((v, i) => {
      const problem = validatorProblem(v);
      need(problem === undefined, () => `validators[${i}]: ${problem}`);
    });
    return (b.validators as Validator[]).length
      ? (b.validators as Validator[]).map((v) => ({ type: v.type, value: v.value, ...(v.name ? { name: v.name } : {}) }))
      : undefined;
  }

  /**
   * A measured value: a finite number with a unit becomes a sample (judged by criteria); a boolean,
   * a string or a unit-less number is stored as a record. Validators are evaluated either way;
   * a numeric sample's failed validation is also recorded, so it is shown beside the others.
   */
  private measured(
    m: { name: string; unit?: string; component?: string; hardwareInfoId?: string; validators?: Validator[] },
    value: unknown,
    base: { sequence: number; at: string; stepId: string },
  ): LineResult {
    need(
      (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || typeof value === 'string',
      () => `measurement ${m.name}: value must be a finite number, a boolean or a string`,
    );
    need(m.unit === undefined || isString(m.unit), () => `measurement ${m.name}: unit must be a string`);
    need(
      m.component === undefined || isComponent(m.component),
      () => `measurement ${m.name}: component must be 1-128 characters without NUL (\\u0000)`,
    );
    const v = value as MeasurementValue;
    const outcomes = m.validators?.map((validator) => evaluateValidator(validator, v)) ?? [];
    const validation = validationOf(outcomes);
    if (validation) {
      const counts = (this.summary.validations ??= { PASS: 0, FAIL: 0 });
      counts[validation] += 1;
    }
    // The record is built only when it is kept: a passing numeric sample is a row, not a record.
    const record = (): ArtifactRecord => ({
      ...base,
      kind: 'MEASUREMENT',
      name: m.name,
      value: v,
      ...(m.unit ? { unit: m.unit } : {}),
      ...(m.component ? { component: m.component } : {}),
      ...(m.hardwareInfoId ? { hardwareInfoId: m.hardwareInfoId } : {}),
      ...(validation ? { validators: outcomes, validation } : {}),
    });
    if (typeof v === 'number' && m.unit) {
      const sample = this.sample(m.name, v, m.unit, m.component, base.at);
      return validation === 'FAIL' ? { samples: [sample], records: [{ ...record(), inMeasurements: true }] } : { samples: [sample] };
    }
    return { samples: [], records: [record()] };
  }

  private componentOf(b: Json): string | undefined {
    if (isObject(b.subcomponent) && isString(b.subcomponent.name)) return b.subcomponent.name;
    return isString(b.hardwareInfoId) ? (this.hardware.get(b.hardwareInfoId) ?? b.hardwareInfoId) : undefined;
  }

  private sample(metric: string, value: unknown, unit: unknown, component: string | undefined, observedAt: string): MeasurementInput {
    need(isUnit(unit), () => `measurement ${metric}: unit must be 1-32 characters without spaces or control characters`);
    need(
      component === undefined || isComponent(component),
      () => `measurement ${metric}: component must be 1-128 characters without NUL (\\u0000)`,
    );
    return { metric, value: value as number, unit: unit as string, ...(component ? { component } : {}), observedAt };
  }
}
