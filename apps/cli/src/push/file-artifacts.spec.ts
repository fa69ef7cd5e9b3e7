import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT } from '../exit-codes';
import { contentTypeOf, FileArtifact, fileArtifactOf, planAttachments, scanFileArtifacts } from './file-artifacts';

const fileLine = (file: object) =>
  JSON.stringify({ testStepArtifact: { testStepId: 's1', file: { isSnapshot: false, ...file } }, sequenceNumber: 5 });

async function* chunksOf(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const refusalOf = (act: () => unknown): CliError => {
  try {
    act();
  } catch (error) {
    return error as CliError;
  }
  throw new Error('not refused');
};

describe('file artifacts of an OCPTV stream', () => {
  it('finds every file artifact with its line, across chunk boundaries, and ignores samples and other artifacts', async () => {
    const stream = [
      JSON.stringify({ schemaVersion: { major: 2, minor: 0 } }),
      JSON.stringify({ testStepArtifact: { testStepId: 's1', log: { severity: 'INFO', message: 'the word "file" in a log' } } }),
      fileLine({ displayName: 'harness log', uri: 'file:///var/log/burnin/harness.log' }),
      JSON.stringify({ testStepArtifact: { testStepId: 's1', measurement: { name: 'x', value: 1 } } }),
      fileLine({ displayName: 'dmesg.txt', uri: 'file:///tmp/' }),
      'not json with "file"',
    ].join('\n');

    const sut = await scanFileArtifacts(chunksOf(stream, 7));

    expect(sut).toEqual([
      { line: 3, displayName: 'harness log', uri: 'file:///var/log/burnin/harness.log' },
      { line: 5, displayName: 'dmesg.txt', uri: 'file:///tmp/' },
    ]);
  });

  it('reads only lines that are file artifacts', () => {
    expect(fileArtifactOf(fileLine({ displayName: 'a.log', uri: 'file:///a.log' }), 9)).toEqual({
      line: 9,
      displayName: 'a.log',
      uri: 'file:///a.log',
    });
    expect(fileArtifactOf(JSON.stringify({ testRunArtifact: { log: { message: '"file"' } } }), 1)).toBeUndefined();
  });
});

describe('content types of attached files', () => {
  it.each([
    ['harness.log', 'text/plain'],
    ['NOTES.TXT', 'text/plain'],
    ['summary.json', 'application/json'],
    ['screen.png', 'image/png'],
    ['photo.jpg', 'image/jpeg'],
    ['photo.jpeg', 'image/jpeg'],
    ['report.pdf', 'application/pdf'],
    ['dump.tar.gz', 'application/gzip'],
    ['logs.zip', 'application/zip'],
    ['core.bin', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
  ])('%s is sent as %s', (name, type) => {
    expect(contentTypeOf(name)).toBe(type);
  });
});

describe('which files go with which artifacts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rackeval-attach-'));
  const write = (name: string, text: string, folder = dir) => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, name), text);
    return join(folder, name);
  };
  const log = write('harness.log', 'boot ok\n');
  const shot = write('screen.png', 'png');
  const artifacts: FileArtifact[] = [
    { line: 3, displayName: 'harness log', uri: 'file:///var/log/burnin/harness.log' },
    { line: 4, displayName: 'screen.png', uri: 'https://cdn/x/' },
    { line: 7, displayName: 'bmc.txt', uri: 'file:///var/log/bmc-sel.txt' },
  ];

  it('attaches a file named by the last segment of a uri or by a display name, and lists the artifacts left as references', () => {
    const sut = planAttachments(artifacts, [log, shot]);

    expect(sut.files).toEqual([
      { path: log, name: 'harness.log', size: 8, contentType: 'text/plain' },
      { path: shot, name: 'screen.png', size: 3, contentType: 'image/png' },
    ]);
    expect(sut.unmatched).toEqual([artifacts[2]]);
  });

  it('refuses a given file no artifact names, before sending, with its own exit code and the names the stream has', () => {
    const stray = write('stray.log', 'x');

    const sut = refusalOf(() => planAttachments(artifacts, [log, stray]));

    expect(sut).toBeInstanceOf(CliError);
    expect(sut.exitCode).toBe(EXIT.UNNAMED_FILE);
    expect(sut.message).toContain(`--attach ${stray}: named by no file artifact of the stream`);
    expect(sut.message).toContain('"harness.log"');
    expect(sut.message).toContain('nothing was sent');
  });

  it('refuses a file that does not exist and two different files of one name as usage errors', () => {
    expect(refusalOf(() => planAttachments(artifacts, [join(dir, 'missing.log')])).exitCode).toBe(EXIT.USAGE);
    const other = write('harness.log', 'other', join(dir, 'other'));
    const twice = refusalOf(() => planAttachments(artifacts, [log, other]));
    expect({ code: twice.exitCode, said: twice.message }).toEqual({
      code: EXIT.USAGE,
      said: expect.stringContaining('file names must differ'),
    });
  });

  it('finds in --attach-from the file of each artifact by its uri, else its display name, and leaves the others as references', () => {
    const folder = join(dir, 'from');
    write('bmc-sel.txt', 'sel', folder);
    write('screen.png', 'png', folder);
    write('unrelated.log', 'x', folder);

    const sut = planAttachments(artifacts, [], folder);

    expect(sut.files.map((f) => f.name)).toEqual(['screen.png', 'bmc-sel.txt']);
    expect(sut.unmatched).toEqual([artifacts[0]]);
  });

  it('lets an --attach file win over the folder for the same artifact', () => {
    const folder = join(dir, 'from2');
    write('harness.log', 'from the folder', folder);

    const sut = planAttachments(artifacts, [log], folder);

    expect(sut.files.filter((f) => f.name === 'harness.log')).toEqual([
      { path: log, name: 'harness.log', size: 8, contentType: 'text/plain' },
    ]);
  });

  it('refuses an --attach-from that is not a folder', () => {
    expect(refusalOf(() => planAttachments(artifacts, [], log)).exitCode).toBe(EXIT.USAGE);
  });
});
