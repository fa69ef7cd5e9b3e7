import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// One way to validate a route parameter: a param class in the capability's dto/ folder, read as
// `@Param() { serial }: RackSerialParam` and refused by the global pipe as 400 VALIDATION_FAILED
// naming it. A bare `@Param('name')` skips validation; a Parse*Pipe answers in another shape.

const ROOT = join(__dirname, '..', '..');
const PROJECTS = ['intake', 'test-run', 'results', 'purchase-option', 'gateway'];

const BARE = [
  { kind: "bare @Param('name')", pattern: /@Param\(\s*['"`]/g },
  { kind: 'Parse*Pipe on a parameter', pattern: /\bParse(?:UUID|Int|Float|Bool|Enum|Array)Pipe\b/g },
];

function bareParamsIn(text: string): string[] {
  return BARE.flatMap(({ kind, pattern }) =>
    [...text.matchAll(pattern)].map((match) => `${text.slice(0, match.index).split('\n').length}: ${kind}`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('route parameters', () => {
  it('are recognised when bare or piped, and a param class is not', () => {
    expect(bareParamsIn("list(@Param('serial') serial: string) {}")).toEqual(["1: bare @Param('name')"]);
    expect(bareParamsIn("get(@Param('runId', ParseUUIDPipe) runId: string) {}")).toHaveLength(2);
    expect(bareParamsIn('get(@Param() { runId }: RunIdParam) {}')).toEqual([]);
  });

  it('are param classes in every service and the gateway', () => {
    const found = PROJECTS.flatMap((project) =>
      sourceFiles(join(ROOT, 'apps', project, 'src')).flatMap((path) =>
        bareParamsIn(readFileSync(path, 'utf8')).map((where) => `${relative(ROOT, path)}:${where}`),
      ),
    );
    expect(found).toEqual([]);
  });
});
