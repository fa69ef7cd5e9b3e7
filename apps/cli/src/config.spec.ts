import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFilePath, resolveSettings, writeConfigFile } from './config';

describe('configuration: flags, then environment, then the config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rackeval-config-'));
  const file = join(dir, 'config.json');
  writeConfigFile(file, { url: 'http://file:3000', token: 'file-token', tokenExpiresAt: '2030-01-01T00:00:00Z', username: 'tess' });

  it('takes each setting from the first place that has it', () => {
    expect(resolveSettings({ config: file }, {})).toMatchObject({
      url: 'http://file:3000',
      token: 'file-token',
      tokenExpiresAt: '2030-01-01T00:00:00Z',
    });
    expect(resolveSettings({}, { RACKEVAL_CONFIG: file, RACKEVAL_URL: 'http://env:3000/', RACKEVAL_TOKEN: 'env-token' })).toMatchObject({
      url: 'http://env:3000',
      token: 'env-token',
      tokenExpiresAt: undefined,
    });
    expect(
      resolveSettings(
        { config: file, url: 'http://flag:3000', token: 'flag-token' },
        { RACKEVAL_URL: 'http://env:3000', RACKEVAL_TOKEN: 'env' },
      ),
    ).toMatchObject({
      url: 'http://flag:3000',
      token: 'flag-token',
    });
  });

  it('finds the file by flag, RACKEVAL_CONFIG, XDG_CONFIG_HOME, then ~/.config, and keeps it private', () => {
    expect(configFilePath('/a.json', { RACKEVAL_CONFIG: '/b.json' })).toBe('/a.json');
    expect(configFilePath(undefined, { RACKEVAL_CONFIG: '/b.json', XDG_CONFIG_HOME: '/x' })).toBe('/b.json');
    expect(configFilePath(undefined, { XDG_CONFIG_HOME: '/x' })).toBe('/x/rackeval/config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a URL that is not http(s), naming the setting', () => {
    expect(() => resolveSettings({ config: file, url: 'gateway:3000' }, {})).toThrow(
      '--url must be an http(s) URL of the gateway (got gateway:3000)',
    );
  });
});
