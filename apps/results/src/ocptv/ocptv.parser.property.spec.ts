import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUtcInstant } from '@rackeval/platform';
import { OcptvStreamParser } from './ocptv.parser';

const fixture = readFileSync(join(__dirname, '../../test/fixtures/burn-in.ocptv.jsonl'), 'utf8').trimEnd().split('\n');

/** Replaces one leaf of a parsed artifact (found by walking `path` modulo each level's size) by `value`. */
function mutate(line: string, path: number[], value: unknown): string {
  const root = JSON.parse(line) as Record<string, unknown>;
  let node: any = root;
  for (let depth = 0; depth < path.length; depth++) {
    const keys = Object.keys(node);
    if (!keys.length) break;
    const key = keys[path[depth] % keys.length];
    if (depth === path.length - 1 || typeof node[key] !== 'object' || node[key] === null) {
      node[key] = value;
      break;
    }
    node = node[key];
  }
  return JSON.stringify(root);
}

const nasty = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'x\u0000',
    '2026-02-30T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59-01:00',
    '',
    -1,
    1e308,
    null,
    [],
    {},
    'g'.repeat(300),
  ),
  fc.anything(),
);

describe('OCPTV stream parser (property)', () => {
  it('never throws on any line, and every refusal is a named problem', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json(), fc.constantFrom(...fixture)), { maxLength: 30 }), (lines) => {
        const sut = new OcptvStreamParser('RK-OCP-1');
        for (const line of lines) {
          const result = sut.parse(line);
          if (result.problem) expect(result.problem.message.length).toBeGreaterThan(0);
        }
        expect(Array.isArray(sut.finish())).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated well-formed streams either parse into storable samples or name the bad line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: fixture.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        nasty,
        (index, path, value) => {
          const lines = [...fixture];
          lines[index] = mutate(lines[index], path, value);
          const sut = new OcptvStreamParser('RK-OCP-1');
          lines.forEach((line) => {
            const result = sut.parse(line);
            for (const sample of result.samples) {
              expect(
                sample.metric.includes('\u0000') || sample.unit.includes('\u0000') || (sample.component ?? '').includes('\u0000'),
              ).toBe(false);
              expect(Number.isFinite(sample.value)).toBe(true);
              expect(isUtcInstant(sample.observedAt)).toBe(true);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
