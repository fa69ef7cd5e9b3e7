import { basenameOfUri, fileArtifactNames } from './ocptv-files';

describe('basenameOfUri', () => {
  it('answers the last segment of the uri, percent-decoded, without query or fragment', () => {
    expect(basenameOfUri('file:///var/log/burnin/harness.log')).toBe('harness.log');
    expect(basenameOfUri('https://logs.example/run/42/thermal%20map.png?sig=abc#top')).toBe('thermal map.png');
    expect(basenameOfUri('https://store/x/screen%20shot.png?v=2#top')).toBe('screen shot.png');
    expect(basenameOfUri('C:\\logs\\bmc.txt')).toBe('bmc.txt');
    expect(basenameOfUri('nvlink-dump.tar.gz')).toBe('nvlink-dump.tar.gz');
  });

  it('answers nothing for a uri ending in a folder, and keeps a literal % as written', () => {
    expect(basenameOfUri('file:///var/log/burnin/')).toBeUndefined();
    expect(basenameOfUri('file:///var/log/..')).toBeUndefined();
    expect(basenameOfUri('file:///var/log/100%.log')).toBe('100%.log');
  });
});

describe('fileArtifactNames', () => {
  it('names the uri last segment first, then the display name', () => {
    expect(fileArtifactNames({ uri: 'file:///logs/full.txt', displayName: 'summary.txt' })).toEqual(['full.txt', 'summary.txt']);
  });

  it('leaves out a uri ending in a folder and an empty or missing display name', () => {
    expect(fileArtifactNames({ uri: 'file:///logs/', displayName: 'bmc.txt' })).toEqual(['bmc.txt']);
    expect(fileArtifactNames({ uri: 'file:///logs/bmc.txt', displayName: '' })).toEqual(['bmc.txt']);
    expect(fileArtifactNames({})).toEqual([]);
  });
});
