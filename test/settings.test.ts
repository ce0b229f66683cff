import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withSettingsTable } from '../config/readme-settings.js';
import { readConfig, SETTINGS } from '../config/settings.js';

describe('settings', () => {
  it('has the README table generated from config/settings.ts (run `npm run docs:settings` after changing a setting)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withSettingsTable(readme));
  });

  it('reads defaults from an empty environment', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      caseScale: 1,
      logLevel: 'info',
      workers: 1,
      resultCacheMb: 64,
      anonymousRole: 'public',
      production: false,
    });
  });

  it('refuses bad values, naming every variable at once', () => {
    expect(() =>
      readConfig({ PORT: 'eighty', CASE_SCALE: '-1', LOG_LEVEL: 'loud', WORKERS: '0', METRICS_PORT: '0', EMBEDDED_RESTART_GIVEUP_S: '0' }),
    ).toThrow(
      /PORT must be a whole number.*CASE_SCALE must be a number ≥ 0.*METRICS_PORT.*EMBEDDED_RESTART_GIVEUP_S must be a number > 0.*LOG_LEVEL must be one of.*WORKERS must be a whole number ≥ 1/,
    );
  });

  it('names each variable once', () => {
    const variables = Object.values(SETTINGS).map((s) => s.variable);
    expect(new Set(variables).size).toBe(variables.length);
  });
});
