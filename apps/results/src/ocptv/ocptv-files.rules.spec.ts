import { partMatchedBy, planFileParts } from './ocptv-files.rules';

describe('file parts of an OCPTV upload', () => {
  it('links each artifact to the part its uri names, else the part its display name names', () => {
    const sut = planFileParts(
      [
        { name: 'Harness log', uri: 'file:///var/log/burnin/harness.log' },
        { name: 'thermal.png', uri: 's3://bucket/run/42/map-0001.png' },
        { name: 'NVLink dump', uri: 'file:///tmp/nvlink-dump.tar.gz' },
      ],
      ['harness.log', 'thermal.png'],
    );
    expect(sut).toEqual({ links: ['harness.log', 'thermal.png', undefined], unnamed: [], duplicates: [] });
  });

  it('prefers the uri when a display name names another part, and keeps both parts as named', () => {
    const sut = planFileParts([{ name: 'summary.txt', uri: 'file:///logs/full.txt' }], ['summary.txt', 'full.txt']);
    expect(sut).toEqual({ links: ['full.txt'], unnamed: [], duplicates: [] });
  });

  it('links every artifact naming the same part to it', () => {
    const sut = planFileParts(
      [
        { name: 'log', uri: 'file:///a/harness.log' },
        { name: 'log again', uri: 'file:///b/harness.log' },
      ],
      ['harness.log'],
    );
    expect(sut.links).toEqual(['harness.log', 'harness.log']);
  });

  it('names the parts no artifact names and the names sent twice', () => {
    const sut = planFileParts(
      [{ name: 'Harness log', uri: 'file:///var/log/harness.log' }],
      ['harness.log', 'stray.bin', 'harness.log', 'Harness.LOG'],
    );
    expect(sut.unnamed).toEqual(['stray.bin', 'Harness.LOG']);
    expect(sut.duplicates).toEqual(['harness.log']);
  });

  it('leaves every artifact a reference when no file came with the stream', () => {
    expect(planFileParts([{ name: 'x', uri: 'file:///x' }], [])).toEqual({ links: [undefined], unnamed: [], duplicates: [] });
  });

  it('names what matched each part: the uri naming it, else the display name naming it', () => {
    const artifacts = [
      { name: 'summary.txt', uri: 'file:///logs/full.txt' },
      { name: 'NVLink dump', uri: 's3://bucket/run/42/' },
      { name: 'again', uri: 'file:///other/full.txt' },
    ];
    expect(partMatchedBy(artifacts, 'full.txt')).toBe('file:///logs/full.txt');
    expect(partMatchedBy(artifacts, 'summary.txt')).toBe('summary.txt');
    expect(partMatchedBy(artifacts, 'NVLink dump')).toBe('NVLink dump');
    expect(partMatchedBy(artifacts, 'stray.bin')).toBeUndefined();
  });
});
