import pino, { type Logger } from 'pino';
import { activeTraceId } from './trace-id.js';

/**
 * Structured JSON logs. Request logs carry ids, operation names, timings, statement counts, roles and error codes;
 * never query variables or row data, which may hold personal data.
 */
export function createLogger(level: string, output?: pino.DestinationStream): Logger {
  const destination = output ?? batchedStdout();
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

/** Bytes of log lines gathered before one write, and how long a line waits at most when fewer come. */
const BATCH_BYTES = 4096;
const FLUSH_EVERY_MS = 250;

/**
 * Standard output, written asynchronously (a request's line never blocks its response on a system call) and in
 * batches: one write per 4 KiB of lines, or every quarter second when fewer come. A write per line went to libuv's
 * thread pool and back once per request, about 5 % of a light request's throughput (q4, c = 10), beside the 2–3 µs
 * it takes pino to make the line. pino writes what is left synchronously when the process exits.
 */
function batchedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES });
  setInterval(() => {
    try {
      destination.flush();
    } catch {
      // Closed at exit (pino has flushed it then): nothing is left to write.
    }
  }, FLUSH_EVERY_MS).unref();
  return destination;
}

export type { Logger };
