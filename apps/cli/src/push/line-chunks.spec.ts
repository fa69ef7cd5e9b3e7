import { lineChunks } from './line-chunks';

async function collect(parts: string[], chunkBytes: number, start = {}) {
  const chunks = [];
  for await (const chunk of lineChunks(
    (async function* () {
      yield* parts.map((p) => Buffer.from(p));
    })(),
    { chunkBytes, ...start },
  )) {
    chunks.push({ ...chunk, text: chunk.bytes.toString() });
  }
  return chunks;
}

describe('lineChunks (whole lines, with offsets, for a resumable push)', () => {
  it('cuts at line ends only, keeps offsets and line numbers, and ends with a final chunk', async () => {
    const sut = await collect(['a1\nb2', '2\nc333\n', 'd4'], 4);
    expect(sut.map(({ offset, firstLine, lines, final, text }) => ({ offset, firstLine, lines, final, text }))).toEqual([
      { offset: 0, firstLine: 1, lines: 1, final: false, text: 'a1\n' },
      { offset: 3, firstLine: 2, lines: 2, final: false, text: 'b22\nc333\n' },
      { offset: 12, firstLine: 4, lines: 1, final: true, text: 'd4' },
    ]);
  });

  it('sends an empty final chunk when the input ends at a line end, and starts where a resume says', async () => {
    const sut = await collect(['x\ny\n'], 1, { startOffset: 100, startLine: 7 });
    expect(sut.map(({ offset, firstLine, final, text }) => [offset, firstLine, final, text])).toEqual([
      [100, 7, false, 'x\ny\n'],
      [104, 9, true, ''],
    ]);
  });

  it('holds a line longer than the chunk until its end arrives', async () => {
    const sut = await collect(['aaaaaaaa', 'aaaa\nb\n'], 2);
    expect(sut.map((c) => c.text)).toEqual(['aaaaaaaaaaaa\nb\n', '']);
  });
});
