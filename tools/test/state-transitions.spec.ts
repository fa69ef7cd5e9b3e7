import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// One way to change state: each aggregate's `<aggregate>-transitions.ts` is the only place that
// writes its state column and its history (or transition, or audit) rows; everything else asks it.
// Creating an aggregate is not a transition: the code that creates one may insert its row in its
// initial state (an INSERT INTO the aggregate's own table is not scanned), and writes the first
// history line through the transitions file like every later one.

const ROOT = join(__dirname, '..', '..');
const SERVICES = ['intake', 'test-run', 'results', 'purchase-option'];

/** The ways the services write a state or a history line today. */
const WRITES: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  // UPDATE … SET …, state = … (up to the WHERE; `excluded.state` and `t.state` in a SET are other columns' values)
  { kind: 'SQL SET state', pattern: /\bSET\b(?:(?!\bWHERE\b)[^;`])*?(?<![\w.])state\s*=(?!=)/gis },
  { kind: 'SQL INSERT INTO a history table', pattern: /\bINSERT\s+INTO\s+"?\w*(?:_history|_transitions?|_audit)\b/gi },
  { kind: 'entity .state assignment', pattern: /^\s*[\w.!]+\.state\s*=(?!=)/gm },
  { kind: 'Object.assign with a state', pattern: /Object\.assign\([^,()]+,\s*\{[^{}]*\bstate\s*:/g },
  { kind: 'TypeORM update/set with a state', pattern: /\.(?:update|set)\(\s*(?:[^()]*?,\s*)?\{[^{}]*?\bstate\s*:/gs },
  { kind: 'TypeORM insert of a history entity', pattern: /\.(?:insert|save)\(\s*\w*(?:History|Transition|Audit)\w*Entity\b/g },
  // @rackeval/platform's webhookDeliveryTable writes a leased delivery's state for the file that names its table
  { kind: 'webhook delivery table', pattern: /\bwebhookDeliveryTable\(/g },
];

/**
 * Files that write a state that is not an aggregate's lifecycle, each with the reason: work queues,
 * and copies of another service's state that follow its events without a state machine or history
 * of their own (results' run mirror has both, so it has run-mirror-transitions.ts).
 */
const NOT_LIFECYCLES: Readonly<Record<string, string>> = {
  'apps/intake/src/racks/holds/known-options.repository.ts':
    "known_option is intake's copy of each option's state, fed by purchase-option's OptionStateChanged (purchase-option: options/option-transitions.ts)",
  'apps/purchase-option/src/reminders/reminders.repository.ts':
    "a reminder's delivery status is a leased work queue (PENDING → DELIVERED | FAILED)",
  'apps/results/src/uploads/ocptv-upload.repository.ts': "an upload session's progress: COMPLETE once its last chunk commits",
  'apps/test-run/src/racks/rack-registry.repository.ts':
    "known_rack is test-run's copy of intake's rack state, fed by intake's events (intake moves the rack: racks/lifecycle/rack-transitions.ts)",
};

/** Each write in `text`: its kind, line and the code. */
function writesIn(text: string): string[] {
  return WRITES.flatMap(({ kind, pattern }) =>
    [...text.matchAll(pattern)].map((match) => {
      const line = text.slice(0, match.index).split('\n').length;
      return `${line}: ${kind} (${match[0].trim().replace(/\s+/g, ' ').slice(0, 80)})`;
    }),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const files = SERVICES.flatMap((service) => sourceFiles(join(ROOT, 'apps', service, 'src'))).map((path) => relative(ROOT, path));

describe('state changes', () => {
  it('are recognised in every form used today, and a read is not a write', () => {
    const planted = [
      'await manager.query(`UPDATE rack SET state = $1, version = version + 1 WHERE serial = $2`, [to, serial]);',
      'await manager.query(`UPDATE finding SET owner = $4,\n  state = $3 WHERE id = $1`);',
      'await manager.query(`INSERT INTO rack_history (rack_serial, from_state) VALUES ($1, $2)`);',
      'await manager.query(`INSERT INTO run_transition (run_id) VALUES ($1)`);',
      '  run.state = next;',
      'Object.assign(rack, { ...hold, state: to });',
      "await manager.update(PurchaseOptionEntity, { rackSerial }, { state: 'WITHDRAWN', version });",
      ".update(RunEntity).set({ ...changes, state: to, version: () => 'version + 1' })",
      'await manager.insert(RunTransitionEntity, transition);',
      'await tx.manager.insert(OptionAuditEntity, entry);',
      "const DELIVERIES = webhookDeliveryTable({ table: 'reminder', log: { table: 'reminder_delivery', deliveryColumn: 'reminder_id' } });",
    ];
    for (const write of planted) expect({ write, found: writesIn(write).length }).toEqual({ write, found: 1 });

    const reads = [
      "await manager.query(`UPDATE reminder SET lease_owner = $1 WHERE state = 'PENDING'`);",
      "query.andWhere('o.state = :state', { state: filter.state });",
      "if (run.state === 'RUNNING') return;",
      "SET generation = EXCLUDED.generation, hold_reason = CASE WHEN EXCLUDED.state = 'ON_HOLD' THEN known_rack.hold_reason END",
      "await manager.query(`INSERT INTO rack (serial, state) VALUES ($1, 'RECEIVED')`);",
    ];
    for (const read of reads) expect({ read, found: writesIn(read) }).toEqual({ read, found: [] });
  });

  it('happen only in *-transitions.ts files', () => {
    const outside = files
      .filter((file) => !file.endsWith('-transitions.ts') && !(file in NOT_LIFECYCLES))
      .flatMap((file) => writesIn(readFileSync(join(ROOT, file), 'utf8')).map((write) => `${file}:${write}`));
    expect(outside).toEqual([]);
  });

  it('leave out only files that still write a state that is not a lifecycle', () => {
    for (const file of Object.keys(NOT_LIFECYCLES)) {
      expect({ file, writes: writesIn(readFileSync(join(ROOT, file), 'utf8')).length > 0 }).toEqual({ file, writes: true });
    }
  });
});
