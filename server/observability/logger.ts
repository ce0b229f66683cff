import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Request logs carry ids, operation names, timings, statement counts, roles and error codes;
 * never query variables or row data, which may hold personal data.
 */
export function createLogger(level: string): Logger {
  // Asynchronous writes: a request's line does not block its response on a write system call; lines that come while one
  // write is in flight go out together in the next.
  // pino flushes the buffer synchronously when the process exits.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 0 });
  return pino({ level, base: { service: 'migration-warehouse' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

export type { Logger };
