import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

/** readConfig is the only reader of the environment: defaults, overrides, and refusal of bad values by name. */
describe('readConfig', () => {
  it('puts uploaded files beside the data folder and gives the demo item 5 days of publicity by default', () => {
    const config = readConfig({ SEEDBED_DATA_DIR: '/srv/seedbed/pglite' });
    expect(config.filesDir).toBe('/srv/seedbed/files');
    expect(config.demoPublicityDays).toBe(5);
    expect(config.loginRatePerMinute).toBe(10);
    expect(readConfig({}).filesDir).toBe(resolve('data/files'));
  });

  it('takes the files folder, the demo publicity period and the login rate from their variables', () => {
    const config = readConfig({
      SEEDBED_DATA_DIR: '/srv/seedbed/pglite',
      SEEDBED_FILES_DIR: 'uploads',
      SEEDBED_DEMO_PUBLICITY_DAYS: '0',
      SEEDBED_LOGIN_RATE: '25',
    });
    expect(config.filesDir).toBe(join(process.cwd(), 'uploads'));
    expect(config.demoPublicityDays).toBe(0);
    expect(config.loginRatePerMinute).toBe(25);
    expect(readConfig({ SEEDBED_FILES_DIR: '/var/lib/seedbed-files' }).filesDir).toBe('/var/lib/seedbed-files');
    expect([readConfig({}).finderCacheMiB, readConfig({ SEEDBED_FINDER_CACHE_MB: '0' }).finderCacheMiB, readConfig({ SEEDBED_FINDER_CACHE_MB: '1024' }).finderCacheMiB]).toEqual([256, 0, 1024]);
    // An empty value means "not set", as for the other variables.
    expect(readConfig({ SEEDBED_DATA_DIR: '/a/pglite', SEEDBED_FILES_DIR: '', SEEDBED_DEMO_PUBLICITY_DAYS: '' })).toMatchObject({ filesDir: '/a/files', demoPublicityDays: 5 });
  });

  it('starts a demo clock from SEEDBED_DEMO_CLOCK, never in production, and names a malformed instant', () => {
    expect(readConfig({}).demoClock).toBeUndefined();
    expect(readConfig({ SEEDBED_DEMO_CLOCK: '2027-01-21T10:00:00+08:00' }).demoClock).toBe('2027-01-21T10:00:00+08:00');
    expect(() => readConfig({ NODE_ENV: 'production', SEEDBED_DATA_KEY: 'k', SEEDBED_DEMO_CLOCK: '2027-01-21T10:00:00+08:00' })).toThrow(/SEEDBED_DEMO_CLOCK .* refused in production/);
    for (const bad of ['2027-01-21', 'tomorrow', '2027-13-40T10:00:00+08:00']) expect(() => readConfig({ SEEDBED_DEMO_CLOCK: bad })).toThrow(/^SEEDBED_DEMO_CLOCK must be an instant with its offset/);
  });

  it.each([
    ['SEEDBED_DEMO_PUBLICITY_DAYS', 'five'],
    ['SEEDBED_DEMO_PUBLICITY_DAYS', '-1'],
    ['SEEDBED_DEMO_PUBLICITY_DAYS', '2.5'],
    ['SEEDBED_DEMO_PUBLICITY_DAYS', '366'],
    ['SEEDBED_DEMO_PUBLICITY_DAYS', '1e3'],
    ['SEEDBED_LOGIN_RATE', '0'],
    ['SEEDBED_LOGIN_RATE', 'ten'],
    ['SEEDBED_LOGIN_RATE', '10/minute'],
    ['SEEDBED_FINDER_CACHE_MB', '-1'],
    ['SEEDBED_FINDER_CACHE_MB', '1GB'],
    ['SEEDBED_FINDER_CACHE_MB', '70000'],
  ])('refuses to start with %s=%s, naming the variable', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be a whole number from \\d+ to \\d+, got "${value.replace(/[.+]/g, '\\$&')}"$`));
  });
});
