import { TEST_DATABASE_URL, uniqueSuffix, withDatabase } from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { copyLine, copyText } from '@rackeval/platform';
import { now, since } from '../support/stats';
import { MEASUREMENT_COLUMNS } from '../fleet/model';

export interface Row {
  metric: string;
  value: number;
  unit: string;
  component: string;
  observedAt: string;
}

/**
 * The old reference: a hand-written approximation of results' `measurement` table (one foreign key,
 * to a throw-away run table). It lacks the two foreign keys to `measurement_correction` the real
 * table has (and its primary key is (id), not (run_id, id)), so it costs PostgreSQL less per row;
 * kept only to compare with the figures measured against it before.
 */
const OLD_SHAPE_TABLES = `
  CREATE TABLE run (run_id uuid PRIMARY KEY);
  CREATE TABLE measurement (
    id bigserial PRIMARY KEY, run_id uuid NOT NULL REFERENCES run (run_id), metric text NOT NULL, value double precision NOT NULL,
    unit text NOT NULL, original_value double precision NOT NULL, original_unit text NOT NULL, component text, observed_at timestamptz,
    recorded_at timestamptz NOT NULL DEFAULT now(), recorded_by text NOT NULL, source text NOT NULL, correction_id bigint, superseded_by bigint);
  CREATE INDEX measurement_current_idx ON measurement (run_id, metric) WHERE superseded_by IS NULL;`;

const COLUMNS = MEASUREMENT_COLUMNS;

export interface ReferenceTable {
  /** schema-qualified table the COPY goes into */
  table: string;
  /** the run every copied row belongs to (a row the table's foreign key finds) */
  runId: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A throw-away schema holding a copy of results' live `measurement` table, derived from the
 * catalog so it cannot drift from the migrations: `LIKE … INCLUDING ALL` (columns, defaults,
 * NOT NULL and CHECK constraints, primary key and every index), its own sequences for serial
 * columns, every foreign key re-created as `pg_get_constraintdef` prints it — pointing at results'
 * own parent tables, so each row's check finds a real parent row (the bench's run) in a table of
 * the real size — and any user triggers. Beside it, the old hand-written shape for comparison.
 */
export async function referenceSchema(
  resultsSchema: string,
  runId: string,
): Promise<{ schema: string; sameShape: ReferenceTable; oldShape: ReferenceTable; description: string[]; drop(): Promise<void> }> {
  const schema = `bench_ref_${uniqueSuffix()}`;
  const oldRunId = randomUUID();
  const source = `${ident(resultsSchema)}.measurement`;
  const target = `${ident(schema)}.measurement`;
  const description: string[] = [];
  await withDatabase(async (client) => {
    await client.query(`CREATE SCHEMA ${ident(schema)}`);
    await client.query(`CREATE TABLE ${target} (LIKE ${source} INCLUDING ALL)`);
    // LIKE copies a serial's default, nextval() of results' own sequence: give the copy its own.
    const serials = await client.query<{ column_name: string; sequence: string }>(
      `SELECT a.attname AS column_name, pg_get_serial_sequence($1, a.attname) AS sequence
         FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND pg_get_serial_sequence($1, a.attname) IS NOT NULL`,
      [source],
    );
    for (const { column_name } of serials.rows) {
      const sequence = `${ident(schema)}.${ident(`measurement_${column_name}_seq`)}`;
      await client.query(`CREATE SEQUENCE ${sequence} AS bigint OWNED BY ${target}.${ident(column_name)}`);
      await client.query(`ALTER TABLE ${target} ALTER COLUMN ${ident(column_name)} SET DEFAULT nextval('${sequence.replace(/'/g, "''")}')`);
    }
    // Printed with only pg_catalog on the search path, every referenced table comes schema-qualified: results' own.
    await client.query(`SET search_path TO pg_catalog`);
    const foreignKeys = await client.query<{ conname: string; def: string }>(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
      [source],
    );
    for (const { conname, def } of foreignKeys.rows) {
      await client.query(`ALTER TABLE ${target} ADD CONSTRAINT ${ident(conname)} ${def}`);
      description.push(`${conname}: ${def}`);
    }
    const triggers = await client.query<{ def: string }>(
      `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
      [source],
    );
    for (const { def } of triggers.rows)
      await client.query(def.replace(` ON ${source} `, ` ON ${target} `).replace(` ON ${resultsSchema}.measurement `, ` ON ${target} `));
    const indexes = await client.query<{ def: string }>(
      `SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = $1::regclass ORDER BY indexrelid`,
      [target],
    );
    description.push(...indexes.rows.map((r) => r.def.replace(`${schema}.`, '')));
    await client.query(`RESET search_path`);
    // Storage parameters (fillfactor, autovacuum settings) are not part of LIKE … INCLUDING ALL.
    const options = await client.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE oid = $1::regclass`, [
      source,
    ]);
    if (options.rows[0].reloptions?.length) await client.query(`ALTER TABLE ${target} SET (${options.rows[0].reloptions.join(', ')})`);
    // The shape must match, not only look alike: compare the catalog's view of both tables.
    const [real, copy] = [await tableShape(client, source), await tableShape(client, target)];
    const differences = [...real.filter((line) => !copy.includes(line)), ...copy.filter((line) => !real.includes(line))];
    if (differences.length || real.length !== copy.length)
      throw new Error(
        `reference table differs from ${source}: only in the real table: ${real.filter((l) => !copy.includes(l)).join('; ') || '—'}; only in the copy: ${copy.filter((l) => !real.includes(l)).join('; ') || '—'}`,
      );

    await client.query(`CREATE SCHEMA ${ident(`${schema}_old`)}`);
    await client.query(`SET search_path TO ${ident(`${schema}_old`)}; ${OLD_SHAPE_TABLES}`);
    await client.query(`INSERT INTO ${ident(`${schema}_old`)}.run VALUES ($1)`, [oldRunId]);
  });
  return {
    schema,
    sameShape: { table: target, runId },
    oldShape: { table: `${ident(`${schema}_old`)}.measurement`, runId: oldRunId },
    description,
    drop: () =>
      withDatabase((client) => client.query(`DROP SCHEMA ${ident(schema)}, ${ident(`${schema}_old`)} CASCADE`)).then(() => undefined),
  };
}

/**
 * A table's shape as the catalog has it, one line per property, free of its own name and schema:
 * each column (type, NOT NULL, default — a serial's `nextval` of whichever sequence —, identity,
 * generated, collation), each constraint as `pg_get_constraintdef` prints it (a foreign key with its
 * referenced table), each index definition, each trigger (user triggers by definition, internal ones
 * by count), storage parameters, persistence and row-level security with its policies.
 */
export async function tableShape(client: Client, table: string): Promise<string[]> {
  const relation = /[^.]+$/.exec(table)![0].replace(/"/g, '');
  await client.query(`SET search_path TO pg_catalog`);
  try {
    const rows = async (sql: string) => (await client.query<{ line: string }>(sql, [table])).rows.map((r) => r.line);
    const columns = await rows(
      `SELECT format('column %s %s %s not null %s default %s identity %s generated %s collation %s', a.attnum, a.attname,
                     format_type(a.atttypid, a.atttypmod), a.attnotnull,
                     regexp_replace(coalesce(pg_get_expr(d.adbin, d.adrelid), '—'), 'nextval\\(''[^'']*''::regclass\\)', 'nextval(sequence)'),
                     nullif(a.attidentity, ''), nullif(a.attgenerated, ''), a.attcollation) AS line
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    );
    const constraints = await rows(
      `SELECT format('constraint %s %s', contype, pg_get_constraintdef(oid)) AS line FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY 1`,
    );
    const indexes = await rows(
      `SELECT format('index %s', pg_get_indexdef(indexrelid)) AS line FROM pg_index WHERE indrelid = $1::regclass ORDER BY 1`,
    );
    const triggers = await rows(
      `SELECT format('trigger %s', pg_get_triggerdef(oid)) AS line FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY 1`,
    );
    const internalTriggers = await rows(
      `SELECT format('internal triggers %s', count(*)) AS line FROM pg_trigger WHERE tgrelid = $1::regclass AND tgisinternal`,
    );
    const storage = await rows(
      `SELECT format('table persistence %s options %s row security %s forced %s policies %s', relpersistence, reloptions, relrowsecurity,
                     relforcerowsecurity, (SELECT count(*) FROM pg_policy WHERE polrelid = c.oid)) AS line
         FROM pg_class c WHERE oid = $1::regclass`,
    );
    // Index and trigger names are the copy's own (LIKE names them afresh); the table's name is its schema's.
    const anonymous = (line: string) =>
      line
        .replace(/^index CREATE (UNIQUE )?INDEX \S+ ON \S+/, `index CREATE $1INDEX ON ${relation}`)
        .replace(/^trigger CREATE (CONSTRAINT )?TRIGGER \S+ (.*) ON \S+ /, `trigger CREATE $1TRIGGER $2 ON ${relation} `);
    return [...columns, ...constraints, ...indexes, ...triggers, ...internalTriggers, ...storage].map(anonymous);
  } finally {
    await client.query(`RESET search_path`);
  }
}

/** The format of a reference COPY: text (as the service used to send) or binary (as it sends now). */
export type CopyFormat = 'text' | 'binary';

const PG_EPOCH_MS = BigInt(Date.UTC(2000, 0, 1));

/**
 * The rows in binary COPY format (signature, tuples, trailer), written here independently of
 * results' encoder: uuid as 16 bytes, float8 big-endian, text UTF-8, timestamptz as int64
 * microseconds since 2000-01-01 (the rows' instants are whole milliseconds).
 */
export function binaryCopyData(runId: string, rows: readonly Row[]): Buffer {
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeInt32BE(bytes.length);
    return [length, bytes];
  };
  const float8 = (value: number) => {
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleBE(value);
    return bytes;
  };
  const timestamptz = (iso: string) => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigInt64BE((BigInt(Date.parse(iso)) - PG_EPOCH_MS) * 1000n);
    return bytes;
  };
  const uuid = Buffer.from(runId.replace(/-/g, ''), 'hex');
  const count = Buffer.alloc(2);
  count.writeInt16BE(COLUMNS.length);
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const r of rows) {
    const values = [
      uuid,
      Buffer.from(r.metric),
      float8(r.value),
      Buffer.from(r.unit),
      float8(r.value),
      Buffer.from(r.unit),
      Buffer.from(r.component),
      timestamptz(r.observedAt),
      Buffer.from('tariq'),
      Buffer.from('api'),
    ];
    if (values.length !== COLUMNS.length) throw new Error(`binary reference writes ${values.length} fields for ${COLUMNS.length} columns`);
    parts.push(count, ...values.flatMap(field));
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** One `COPY … FROM STDIN (FORMAT binary)` on `client`: the whole data in one write. */
async function copyBinary(client: Client, table: string, columns: readonly string[], data: Buffer): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT binary)`));
  stream.end(data);
  await finished(stream);
}

/**
 * Raw COPY of the same rows, one statement (and transaction) per batch of the measured path, run
 * alternately with it — a batch through the service, a batch by COPY — so both meet the same
 * database state (table size, checkpoints, autovacuum) and the same neighbours on the machine.
 * The data is formatted once, before timing: the figure is PostgreSQL's taking it.
 */
export class CopyReference {
  private elapsed = 0;
  private copied = 0;

  private constructor(
    private readonly client: Client,
    private readonly table: string,
    private readonly format: CopyFormat,
    private readonly data: string | Buffer,
    private readonly size: number,
  ) {}

  static async open({ table, runId }: ReferenceTable, rows: readonly Row[], format: CopyFormat = 'text'): Promise<CopyReference> {
    const data =
      format === 'binary'
        ? binaryCopyData(runId, rows)
        : rows
            .map((r) => copyLine([runId, r.metric, r.value, r.unit, r.value, r.unit, r.component, r.observedAt, 'tariq', 'api']))
            .join('');
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const reference = new CopyReference(client, table, format, data, rows.length);
    await reference.once(); // warm-up
    return reference;
  }

  private once(): Promise<void> {
    return this.format === 'binary'
      ? copyBinary(this.client, this.table, COLUMNS, this.data as Buffer)
      : copyText(this.client, this.table, COLUMNS, this.data);
  }

  /** COPYs `batches` batches of the rows, adding their time to the reference. */
  async copy(batches = 1): Promise<void> {
    const start = now();
    for (let i = 0; i < batches; i++) await this.once();
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
  const dataSource = new DataSource({
    type: 'postgres',
    url: TEST_DATABASE_URL,
    schema,
    entities: [NaiveMeasurement],
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();
  try {
    const repository = dataSource.getRepository(NaiveMeasurement);
    const entity = (r: Row) =>
      repository.create({
        runId,
        metric: r.metric,
        value: r.value,
        unit: r.unit,
        originalValue: r.value,
        originalUnit: r.unit,
        component: r.component,
        observedAt: new Date(r.observedAt),
        recordedBy: 'tariq',
        source: 'api',
      });
    await repository.save(entity(rows[0])); // warm-up
    const start = now();
    for (let i = 0; i < sample; i++) await repository.save(entity(rows[i % rows.length]));
    return sample / (since(start) / 1000);
  } finally {
    await dataSource.destroy();
  }
}
