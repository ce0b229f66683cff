import { LANGUAGES, DEFAULT_LANGUAGE } from './language.js';
import { OUTPUT_FORMATS } from './request-parameters.js';
import type { CorsPolicy } from './cors-policy.js';

/** Most cells one data request may select (the reference server's default). */
export const MAX_DATA_CELLS = 150_000;

/** GET /config: what API v2 clients read first (pxwebpy refuses to go on without maxDataCells and the rate window). */
export function apiConfig(rateLimitPerMinute: number, cors: CorsPolicy, appVersion: string): Record<string, unknown> {
  return {
    apiVersion: '2.0.0',
    appVersion,
    languages: LANGUAGES.map((l) => ({ id: l.id, label: l.label })),
    defaultLanguage: DEFAULT_LANGUAGE,
    maxDataCells: MAX_DATA_CELLS,
    // 0 means no limit to pxwebpy; the window is the rate limiter's minute.
    maxCallsPerTimeWindow: rateLimitPerMinute,
    timeWindow: 60,
    license: 'CC0',
    sourceReferences: [
      { language: 'sv', text: 'Källa: Migrationsverket m.fl., migrationslagret' },
      { language: 'en', text: 'Source: Swedish Migration Agency et al., migration warehouse' },
    ],
    defaultDataFormat: 'json-stat2',
    dataFormats: [...OUTPUT_FORMATS],
    features: [
      {
        id: 'CORS',
        params: [
          { key: 'enabled', value: String(cors.origins.length > 0) },
          { key: 'allowedOrigins', value: cors.origins.join(',') },
        ],
      },
    ],
  };
}
