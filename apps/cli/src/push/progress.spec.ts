import { Writable } from 'node:stream';
import { createProgress } from './progress';

function sink() {
  const written: string[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => (written.push(chunk.toString()), done()) });
  return { stream, text: () => written.join('') };
}

describe('push progress', () => {
  it('writes a plain line with rows, bytes, rate and ETA every interval when not on a terminal, counting only this push', () => {
    let now = 0;
    const out = sink();
    const sut = createProgress({
      totalBytes: 4 * 1024 ** 2,
      stream: out.stream,
      tty: false,
      intervalSeconds: 5,
      start: { rows: 1000, bytes: 1024 ** 2 },
      now: () => now,
    });
    now = 1_000;
    sut.update({ rows: 3000, bytes: 2 * 1024 ** 2 });
    expect(out.text()).toBe('');
    now = 10_000;
    sut.update({ rows: 21_000, bytes: 3 * 1024 ** 2 });
    expect(out.text()).toBe('push: 21000 rows, 3.0 MiB of 4.0 MiB (75 %), 2000 rows/s, 205 KiB/s, ETA 0:05\n');
  });

  it('draws a bar with rows, bytes, rate and ETA on a terminal', () => {
    let now = 0;
    const out = sink();
    Object.assign(out.stream, { isTTY: true, columns: 200 }); // what cli-progress draws on
    const sut = createProgress({
      totalBytes: 1000,
      stream: out.stream,
      tty: true,
      intervalSeconds: 5,
      start: { rows: 0, bytes: 0 },
      now: () => now,
    });
    now = 2_000;
    sut.update({ rows: 50, bytes: 500 });
    sut.stop();
    expect(out.text()).toMatch(/push \[[=-]+\] 50% \| 50 rows \| 500 B of 1000 B \| 25 rows\/s \| 250 B\/s \| ETA 0:02/);
  });
});
