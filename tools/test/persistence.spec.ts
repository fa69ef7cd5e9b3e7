import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Only repositories run SQL: a `<capability>.repository.ts` holds a capability's queries as named
// methods (taking the transaction's EntityManager inside a unit of work), and each aggregate's
// `<aggregate>-transitions.ts` writes its state. Services, consumers, controllers, sweepers and
// the rest call those methods and never reach the database themselves. Migrations are not scanned.

const ROOT = join(__dirname, '..', '..');

/** The ways code reaches the database through TypeORM or pg. */
const SQL: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'raw SQL .query(', pattern: /\.query\s*\(/g },
  { kind: 'query builder', pattern: /\bcreateQueryBuilder\b/g },
  { kind: 'getRepository(', pattern: /\bgetRepository\s*\(/g },
  {
    kind: 'entity-manager call',
    pattern:
      /\b(?:\w*[mM]anager|em)\s*\.\s*(?:find\w*|save|insert|update|delete|upsert|increment|decrement|count\w*|exists\w*|sum|average|minimum|maximum|remove|softDelete|softRemove|restore|clear|preload)\s*\(/g,
  },
];

/** Files that run SQL without being a repository, each with the reason. */
const NOT_REPOSITORIES: Readonly<Record<string, string>> = {
  'apps/gateway/src/service-accounts/service-account-schema.ts':
    "the gateway's schema migration at start-up (DDL and grants as the owner role, under an advisory lock): its migrations/",
};

/** Each database call in `text`: its kind, line and the code. */
function sqlIn(text: string): string[] {
  return SQL.flatMap(({ kind, pattern }) =>
    [...text.matchAll(pattern)].map((match) => {
      const line = text.slice(0, match.index).split('\n').length;
      const code = text.split('\n')[line - 1].trim();
      return `${line}: ${kind} (${code.replace(/\s+/g, ' ').slice(0, 80)})`;
    }),
  );
}

/**
 * Each `Promise.all` in `text` whose work reads through a repository or an entity manager: reads
 * spread over several pooled connections at once, each seeing whatever had committed when it ran.
 * An answer built from several reads takes them in turn inside `readInSnapshot` instead.
 */
function readsSpreadOverThePool(text: string): string[] {
  return [...text.matchAll(/Promise\.all(?:Settled)?\s*\(/g)].flatMap((match) => {
    const start = match.index + match[0].length - 1;
    let depth = 0;
    let end = start;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    if (!/\b\w*(?:Repository|repository|[mM]anager)\b/.test(text.slice(start, end))) return [];
    const line = text.slice(0, match.index).split('\n').length;
    return [`${line}: ${text.split('\n')[line - 1].trim().slice(0, 80)}`];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const apps = readdirSync(join(ROOT, 'apps')).filter((app) => existsSync(join(ROOT, 'apps', app, 'src')));
const files = apps.flatMap((app) => sourceFiles(join(ROOT, 'apps', app, 'src'))).map((path) => relative(ROOT, path));
const isRepository = (file: string) => file.endsWith('.repository.ts') || file.endsWith('-transitions.ts');

describe('persistence', () => {
  it('recognises every way code runs SQL, and not code that only looks alike', () => {
    const planted = [
      'const rows = await this.dataSource.query(`SELECT * FROM rack WHERE serial = $1`, [serial]);',
      "await tx.manager.query('SELECT 1');",
      'await runner.query(`SET TRANSACTION READ ONLY`);',
      'const query = tx.manager.createQueryBuilder(PurchaseOptionEntity, "o");',
      'await manager\n  .createQueryBuilder()\n  .insert()',
      'return this.dataSource.getRepository(GenerationEntity).find({ order: { code: "ASC" } });',
      'const rack = await tx.manager.findOne(RackEntity, { where: { serial } });',
      'await manager.findOneByOrFail(GenerationEntity, { code });',
      'await this.dataSource.manager.findBy(TermsEntity, { generation });',
      'await tx.manager.save(plan);',
      'await tx.manager.insert(InspectionEntity, inspection);',
      'await tx.manager.update(PurchaseOptionEntity, { rackSerial }, changes);',
      'await tx.manager.delete(RackEvaluationEntity, { rackSerial });',
      'await manager.upsert(KnownRackEntity, rack, ["serial"]);',
      'await manager.increment(CounterEntity, { id }, "value", 1);',
      'const n = await manager.count(RunEntity, { where: { bay } });',
      'if (await manager.existsBy(RackEntity, { serial })) return;',
      'await this.entityManager.find(BayEntity);',
      'await em.remove(attachment);',
    ];
    for (const code of planted) expect({ code, found: sqlIn(code).length }).toEqual({ code, found: 1 });

    const notSql = [
      'const plan = tx.manager.create(TestPlanEntity, { generation, version });',
      'const run = await RunRepository.find(this.dataSource.manager, runId);',
      'return this.runs.find(this.dataSource.manager, id);',
      'const first = options.find((option) => option.rackSerial === serial);',
      'this.pending.delete(serial);',
      'counter.increment();',
      'const [after] = Cursor.decode(query.cursor, ["text"] as const) ?? [];',
      'const limit = request.query.limit;',
      'return this.unitOfWork.run(async (tx) => this.lifecycle.resolveDeferred(tx, serial));',
      "const where = 'the query builder is a repository concern';",
    ];
    for (const code of notSql) expect({ code, found: sqlIn(code) }).toEqual({ code, found: [] });
  });

  it('reads the real sources: every service has repositories that run SQL', () => {
    for (const service of ['intake', 'test-run', 'results', 'purchase-option']) {
      const running = files.filter(
        (file) => file.startsWith(`apps/${service}/src/`) && isRepository(file) && sqlIn(readFileSync(join(ROOT, file), 'utf8')).length,
      );
      expect({ service, repositories: running.length > 0 }).toEqual({ service, repositories: true });
    }
  });

  it('runs only in *.repository.ts and *-transitions.ts files', () => {
    const outside = files
      .filter((file) => !isRepository(file) && !(file in NOT_REPOSITORIES))
      .flatMap((file) => sqlIn(readFileSync(join(ROOT, file), 'utf8')).map((call) => `${file}:${call}`));
    expect(outside).toEqual([]);
  });

  it('recognises reads spread over the pool with Promise.all, and not other work done at once', () => {
    const spread = [
      'const [bom, history] = await Promise.all([\n  RacksRepository.bom(manager, serial),\n  RacksRepository.history(manager, serial),\n]);',
      'const [generations, states] = await Promise.all([this.repository.generations(null), this.repository.racksByState(null)]);',
      'const sides = await Promise.all([left, right].map((id) => RunRepository.find(this.dataSource.manager, id)));',
    ];
    for (const code of spread) expect({ code, found: readsSpreadOverThePool(code).length }).toEqual({ code, found: 1 });
    const notReads = [
      'await Promise.all([stream, ...files].map(discardSpooled));',
      'const answers = await Promise.allSettled(urls.map((url) => fetch(url, { signal })));',
      'await Promise.all(this.instances.map((base) => this.check(base)));',
    ];
    for (const code of notReads) expect({ code, found: readsSpreadOverThePool(code) }).toEqual({ code, found: [] });
  });

  it('reads an answer of several parts in one snapshot, never spread over the pool with Promise.all', () => {
    const spread = files.flatMap((file) => readsSpreadOverThePool(readFileSync(join(ROOT, file), 'utf8')).map((read) => `${file}:${read}`));
    expect(spread).toEqual([]);
  });

  it('leaves out only files that still run SQL', () => {
    for (const file of Object.keys(NOT_REPOSITORIES)) {
      expect({ file, runs: sqlIn(readFileSync(join(ROOT, file), 'utf8')).length > 0 }).toEqual({ file, runs: true });
    }
  });
});
