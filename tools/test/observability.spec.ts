import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { parse, stringify } from 'yaml';

// infra/observability: the alert rules, dashboards and scrape configuration, held to the metrics
// the code really registers, and to promtool when one can be had (infra/observability/ensure-promtool.sh).

const ROOT = join(__dirname, '..', '..');
const HERE = join(ROOT, 'infra', 'observability');
const RULES = join(HERE, 'rules', 'rackeval-alerts.yml');

interface Rule {
  alert?: string;
  record?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Panel {
  title?: string;
  type: string;
  targets?: Array<{ expr?: string }>;
  panels?: Panel[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist', 'test', 'e2e'].includes(entry.name) ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every series name a scrape can show: the rackeval metrics declared in libs/ and apps/, prom-client's defaults, and `up`. */
function registeredSeries(): Set<string> {
  const names = new Set(['up']);
  const histograms = new Set<string>();
  for (const file of ['libs', 'apps'].flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes("from 'prom-client'")) continue;
    for (const [, name] of text.matchAll(/'(rackeval_[a-z0-9_]+)'/g)) names.add(name);
    for (const [, name] of text.matchAll(/new Histogram\(\{\s*name:\s*'([a-z0-9_]+)'/g)) histograms.add(name);
  }
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  for (const metric of defaults.getMetricsAsArray()) {
    const { name } = metric as unknown as { name: string };
    names.add(name);
    if (metric instanceof Histogram) histograms.add(name);
  }
  for (const name of histograms) for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
  return names;
}

/** Metric names in a PromQL expression: identifiers of the rackeval and process families, and `up` (quoted label values left out). */
function metricsIn(expr: string): string[] {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...unquoted.matchAll(/(?<![\w:$])(rackeval_\w+|process_\w+|nodejs_\w+|up)(?![\w(])/g)].map((match) => match[1]);
}

function panelsOf(panels: Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
}

const rules: Rule[] = (parse(readFileSync(RULES, 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> }).groups.flatMap(
  (group) => group.rules,
);
const dashboardFiles = readdirSync(join(HERE, 'dashboards')).filter((name) => name.endsWith('.json'));
const dashboards = dashboardFiles.map((name) => ({ name, json: JSON.parse(readFileSync(join(HERE, 'dashboards', name), 'utf8')) }));
const series = registeredSeries();

describe('alert rules', () => {
  it('cover the five conditions operators asked for', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'RackevalOutboxStuck',
        'RackevalConsumerLagGrowing',
        'RackevalDeadLetter',
        'RackevalConsumerNotInGroup',
        'RackevalOptionExpiringUndecided',
      ]),
    );
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it.each(rules.map((rule) => [rule.alert ?? rule.record, rule] as const))('%s has expr, for, a severity and a summary', (_, rule) => {
    expect(rule.expr).toEqual(expect.any(String));
    expect(rule.for).toMatch(/^\d+[smh]$/);
    expect(['critical', 'warning']).toContain(rule.labels?.severity);
    expect(rule.annotations?.summary).toEqual(expect.any(String));
  });

  it.each(rules.map((rule) => [rule.alert, rule.expr ?? ''] as const))('%s uses only metrics the code registers', (_, expr) => {
    const used = metricsIn(expr);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !series.has(name))).toEqual([]);
  });
});

describe('dashboards', () => {
  it('are one overview and one per concern, each with its own uid', () => {
    expect(dashboardFiles).toContain('rackeval-overview.json');
    expect(dashboards.length).toBeGreaterThanOrEqual(3);
    expect(new Set(dashboards.map(({ json }) => json.uid)).size).toBe(dashboards.length);
  });

  it.each(dashboards.map(({ name, json }) => [name, json] as const))('%s queries only metrics the code registers', (_, json) => {
    const panels = panelsOf(json.panels as Panel[]).filter((panel) => panel.type !== 'row');
    expect(panels.length).toBeGreaterThan(0);
    const unknown = panels.flatMap((panel) =>
      (panel.targets ?? []).flatMap(({ expr = '' }) => {
        const used = metricsIn(expr);
        return used.length
          ? used.filter((name) => !series.has(name)).map((name) => `${panel.title}: ${name}`)
          : [`${panel.title}: no metric in "${expr}"`];
      }),
    );
    expect(unknown).toEqual([]);
  });
});

describe('scrape configuration', () => {
  it('scrapes the gateway and the four services on their local ports and loads the rules', () => {
    const config = parse(readFileSync(join(HERE, 'prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = Object.fromEntries(config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((s) => s.targets)]));
    expect(targets).toEqual({
      gateway: ['127.0.0.1:3000'],
      intake: ['127.0.0.1:3001'],
      'test-run': ['127.0.0.1:3002'],
      results: ['127.0.0.1:3003'],
      'purchase-option': ['127.0.0.1:3004'],
    });
    expect(config.rule_files).toEqual(['rules/rackeval-alerts.yml']);
  });
});

describe('promtool', () => {
  let promtool: string | undefined;
  let unavailable = '';
  beforeAll(() => {
    try {
      promtool = execFileSync('bash', [join(HERE, 'ensure-promtool.sh')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 180_000,
      }).trim();
    } catch (error) {
      unavailable = String((error as { stderr?: string }).stderr ?? error);
    }
  }, 200_000);

  const run = (...args: string[]) => execFileSync(promtool!, args, { cwd: HERE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('checks the rules and the configuration, and the rules pass their unit tests (parsing alone where promtool cannot be had)', () => {
    if (!promtool) {
      // The parsing checks above still hold the rules; say once why promtool did not.
      expect(unavailable).toMatch(/promtool/);
      return;
    }
    expect(run('check', 'rules', 'rules/rackeval-alerts.yml')).toMatch(/SUCCESS: \d+ rules found/);
    expect(run('check', 'config', 'prometheus.yml')).toMatch(/is valid prometheus config file syntax/);
    expect(run('test', 'rules', 'rules/rackeval-alerts.test.yml')).toMatch(/SUCCESS/);
  });

  it('parses every dashboard query (as recording rules, with the dashboard variables filled in)', () => {
    if (!promtool) {
      expect(unavailable).toMatch(/promtool/);
      return;
    }
    const exprs = dashboards.flatMap(({ json }) =>
      panelsOf(json.panels as Panel[]).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? '')),
    );
    const filled = exprs.map((expr) => expr.replaceAll('$__rate_interval', '5m').replaceAll('$job', '.+'));
    const dir = mkdtempSync(join(tmpdir(), 'rackeval-dashboards-'));
    try {
      const file = join(dir, 'dashboard-queries.yml');
      writeFileSync(
        file,
        stringify({ groups: [{ name: 'dashboards', rules: filled.map((expr, i) => ({ record: `dashboard:query:${i}`, expr })) }] }),
      );
      expect(run('check', 'rules', file)).toContain(`SUCCESS: ${filled.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
