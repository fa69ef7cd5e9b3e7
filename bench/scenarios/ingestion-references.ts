import { TEST_DATABASE_URL, uniqueSuffix, withDatabase } from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { copyLine, copyText } from '@rackeval/platform';
import { now, since } from '../support/stats';

export interface Row {
  metric: string;
  value: number;
  unit: string;
  component: string;
  observedAt: string;
}

/** The shape of results' `measurement` table: same columns, types, defaults, foreign key and partial index. */
const TABLES = `
  CREATE TABLE run (run_id uuid PRIMARY KEY);
  CREATE TABLE measurement (
    id bigserial PRIMARY KEY, run_id uuid NOT NULL REFERENCES run (run_id), metric text NOT NULL, value double precision NOT NULL,
    unit text NOT NULL, original_value double precision NOT NULL, original_unit text NOT NULL, component text, observed_at timestamptz,
    recorded_at timestamptz NOT NULL DEFAULT now(), recorded_by text NOT NULL, source text NOT NULL, correction_id bigint, superseded_by bigint);
  CREATE INDEX measurement_current_idx ON measurement (run_id, metric) WHERE superseded_by IS NULL;`;

const COLUMNS = ['run_id', 'metric', 'value', 'unit', 'original_value', 'original_unit', 'component', 'observed_at', 'recorded_by', 'source'];

/** A throw-away schema in the test database holding a table shaped like results' measurements. */
export async function referenceSchema(): Promise<{ schema: string; runId: string; drop(): Promise<void> }> {
  const schema = `bench_ref_${uniqueSuffix()}`;
  const runId = randomUUID();
  await withDatabase(async (client) => {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}; ${TABLES}`);
    await client.query(`INSERT INTO ${schema}.run VALUES ($1)`, [runId]);
  });
  return { schema, runId, drop: () => withDatabase((client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).then(() => undefined) };
}

/**
 * Raw COPY of the same rows, one statement (and transaction) per batch of the measured path, run
 * alternately with it — a batch through the service, a batch by COPY — so both meet the same
 * database state (table size, checkpoints, autovacuum) and the same neighbours on the machine.
 */
export class CopyReference {
  private elapsed = 0;
  private copied = 0;

  private constructor(
    private readonly client: Client,
    private readonly table: string,
    private readonly text: string,
    private readonly size: number,
  ) {}

  static async open(schema: string, runId: string, rows: readonly Row[]): Promise<CopyReference> {
    const text = rows.map((r) => copyLine([runId, r.metric, r.value, r.unit, r.value, r.unit, r.component, r.observedAt, 'tariq', 'api'])).join('');
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const reference = new CopyReference(client, `${schema}.measurement`, text, rows.length);
    await copyText(client, reference.table, COLUMNS, text); // warm-up
    return reference;
  }

  /** COPYs `batches` batches of the rows, adding their time to the reference. */
  async copy(batches = 1): Promise<void> {
    const start = now();
    for (let i = 0; i < batches; i++) await copyText(this.client, this.table, COLUMNS, this.text);
    this.elapsed += since(start);
    this.copied += batches * this.size;
  }

  /** Rows per second over every batch copied. */
  get rate(): number {
    return this.copied / (this.elapsed / 1000);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

@Entity('measurement')
class NaiveMeasurement {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'run_id' }) runId: string;
  @Column({ type: 'text' }) metric: string;
  @Column({ type: 'double precision' }) value: number;
  @Column({ type: 'text' }) unit: string;
  @Column({ type: 'double precision', name: 'original_value' }) originalValue: number;
  @Column({ type: 'text', name: 'original_unit' }) originalUnit: string;
  @Column({ type: 'text', nullable: true }) component: string | null;
  @Column({ type: 'timestamptz', name: 'observed_at', nullable: true }) observedAt: Date | null;
  @Column({ type: 'text', name: 'recorded_by' }) recordedBy: string;
  @Column({ type: 'text' }) source: string;
}

/** The pattern a typical service ships: one ORM `save` (its own transaction) per measurement: rows/s. */
export async function naiveRate(schema: string, runId: string, rows: readonly Row[], sample: number): Promise<number> {
  const dataSource = new DataSource({ type: 'postgres', url: TEST_DATABASE_URL, schema, entities: [NaiveMeasurement], synchronize: false, logging: false });
  await dataSource.initialize();
  try {
    const repository = dataSource.getRepository(NaiveMeasurement);
    const entity = (r: Row) =>
      repository.create({ runId, metric: r.metric, value: r.value, unit: r.unit, originalValue: r.value, originalUnit: r.unit, component: r.component, observedAt: new Date(r.observedAt), recordedBy: 'tariq', source: 'api' });
    await repository.save(entity(rows[0])); // warm-up
    const start = now();
    for (let i = 0; i < sample; i++) await repository.save(entity(rows[i % rows.length]));
    return sample / (since(start) / 1000);
  } finally {
    await dataSource.destroy();
  }
}
