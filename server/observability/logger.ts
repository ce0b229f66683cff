import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Request logs carry ids, operation names, timings, statement counts, roles and error codes;
 * never query variables or row data, which may hold personal data.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'migration-warehouse' }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };
