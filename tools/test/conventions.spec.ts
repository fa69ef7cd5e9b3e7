import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// docs/CONVENTIONS.md answers five questions ("Finding a rule") with a path and a symbol each. A
// rename or a move that the page does not follow fails here, so the page stays a way in.

const ROOT = join(__dirname, '..', '..');
const PAGE = readFileSync(join(ROOT, 'docs/CONVENTIONS.md'), 'utf8');

/** Each `apps/…/file.ts` `symbol` pair in the "Finding a rule" section, in page order. */
function answers(): Array<{ path: string; symbol: string }> {
  const start = PAGE.indexOf('## Finding a rule');
  const section = PAGE.slice(start, PAGE.indexOf('\n## ', start + 1));
  return [...section.matchAll(/`(apps\/[^`]+\.ts)`\s+`([^`]+)`/g)].map(([, path, symbol]) => ({ path, symbol }));
}

/** The name to look for in the file: a decorator's call as written, else the identifier itself. */
const needle = (symbol: string) => (symbol.startsWith('@') ? symbol : symbol.replace(/[()]/g, ''));

/** What is wrong with each answer: a missing file, a file too deep, or a symbol it does not hold. */
function problemsOf(pairs: ReadonlyArray<{ path: string; symbol: string }>): string[] {
  return pairs.flatMap(({ path, symbol }) => {
    const hops = path.split('/').filter((part) => part !== 'apps' && part !== 'src').length;
    if (!existsSync(join(ROOT, path))) return [`${path}: no such file`];
    const text = readFileSync(join(ROOT, path), 'utf8');
    return [
      ...(hops > 3 ? [`${path}: ${hops} hops from apps/`] : []),
      ...(text.includes(needle(symbol)) ? [] : [`${path}: does not contain ${symbol}`]),
    ];
  });
}

describe('CONVENTIONS.md, finding a rule', () => {
  const found = answers();

  it('answers five questions, each with at least one file and symbol', () => {
    const questions = PAGE.slice(PAGE.indexOf('## Finding a rule')).match(/^\d\. \*\*/gm) ?? [];
    expect(questions.length).toBeGreaterThanOrEqual(5);
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  it('names files that exist, three hops below apps/ (service, capability, file), holding the symbol named', () => {
    expect(found.map(({ path }) => path)).toContain('apps/intake/src/racks/rack.state-machine.ts');
    expect(problemsOf(found)).toEqual([]);
  });

  it('notices a missing file, a file too deep and a symbol that moved away', () => {
    expect(
      problemsOf([
        { path: 'apps/intake/src/racks/no-such.rules.ts', symbol: 'x' },
        { path: 'apps/intake/src/racks/lifecycle/rack-transitions.ts', symbol: 'RackTransitions' },
        { path: 'apps/intake/src/racks/rack.state-machine.ts', symbol: 'passEvaluationRenamed' },
      ]),
    ).toEqual([
      'apps/intake/src/racks/no-such.rules.ts: no such file',
      'apps/intake/src/racks/lifecycle/rack-transitions.ts: 4 hops from apps/',
      'apps/intake/src/racks/rack.state-machine.ts: does not contain passEvaluationRenamed',
    ]);
  });
});
