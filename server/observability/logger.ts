import pino, { type Logger } from 'pino';
import { activeTraceId } from './trace-id.js';

/**
 * Structured JSON logs. Request logs carry ids, operation names, timings, statement counts, roles and error codes;
 * never query variables or row data, which may hold personal data.
 */
export function createLogger(level: string, output?: pino.DestinationStream): Logger {
  // Asynchronous writes: a request's line does not block its response on a write system call; lines that come while one
  // write is in flight go out together in the next.
  // pino flushes the buffer synchronously when the process exits.
  const destination = output ?? pino.destination({ dest: 1, sync: false, minLength: 0 });
  return pino(
    {
      level,
      base: { service: 'migration-warehouse' },
      timestamp: isoTimeOncePerMillisecond(),
      // A line written during a traced request carries its trace id, to go from a log line to the trace.
      mixin: () => {
        const traceId = activeTraceId();
        return traceId ? { traceId } : {};
      },
    },
    destination,
  );
}

/**
 * pino's `isoTime` field, formatted once per millisecond: under load several request lines share a millisecond, and
 * formatting the date was an eighth of a line's cost (bench/request-observation-cost.ts).
 */
function isoTimeOncePerMillisecond(): () => string {
  let formattedAt = -1;
  let field = '';
  return () => {
    const now = Date.now();
    if (now !== formattedAt) {
      formattedAt = now;
      field = `,"time":"${new Date(now).toISOString()}"`;
    }
    return field;
  };
}

export type { Logger };
