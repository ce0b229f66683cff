import { HeaderMap } from '@apollo/server';
import pino from 'pino';
import { buildApiSchema } from '../server/build-schema.js';
import { clientIdentifier } from '../server/observability/client-identity.js';
import { createLogger } from '../server/observability/logger.js';
import { createApiMetrics, type ApiMetrics } from '../server/observability/metrics.js';
import { requestLogPlugin } from '../server/observability/request-log-plugin.js';

/** Microseconds one request spends in the request log plugin, by what it does. */
export interface ObservationCost {
  neither: number;
  log: number;
  histograms: number;
  both: number;
}

/**
 * The request log plugin's own work for one successful request (requestDidStart, didResolveOperation and
 * willSendResponse), in a loop, in CPU µs: with the log line (pino, written to /dev/null) and the metric observations each on
 * or off. The variants alternate in rounds on the shared machine and the medians are kept.
 */
export async function requestObservationCost(iterations = 20_000, rounds = 5): Promise<ObservationCost> {
  const schema = await buildApiSchema('public');
  const identify = clientIdentifier(new Set());
  const real = createApiMetrics();
  const idle = { inc: () => undefined, observe: () => undefined } as never;
  const noMetrics: ApiMetrics = { ...real, requests: idle, duration: idle, statements: idle, deprecatedFields: idle };
  const logging = createLogger('info', pino.destination({ dest: '/dev/null', sync: false, minLength: 0 }));
  const silent = createLogger('silent');
  const document = { kind: 'Document', definitions: [] } as never;
  const headers = new HeaderMap();
  const run = async (log: boolean, metrics: boolean): Promise<number> => {
    const plugin = requestLogPlugin(log ? logging : silent, metrics ? real : noMetrics, schema, identify);
    // CPU time rather than wall time: the machine is shared, and other processes' turns would count as ours.
    const started = process.cpuUsage();
    for (let i = 0; i < iterations; i++) {
      const listener = await plugin.requestDidStart?.({ request: { http: { headers } } } as never);
      await listener?.didResolveOperation?.({ document } as never);
      await listener?.willSendResponse?.({
        operationName: null,
        errors: undefined,
        operation: {},
        contextValue: { queries: { count: 2 }, requestId: 'c0a8e5d2-1b7e-4a53-9d9b-0123456789ab', role: 'public' },
        response: { body: { kind: 'single', singleResult: { data: {} } } },
      } as never);
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / iterations;
  };
  const samples: Record<keyof ObservationCost, number[]> = { neither: [], log: [], histograms: [], both: [] };
  await run(true, true); // warm-up
  for (let round = 0; round < rounds; round++) {
    samples.neither.push(await run(false, false));
    samples.log.push(await run(true, false));
    samples.histograms.push(await run(false, true));
    samples.both.push(await run(true, true));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return { neither: median(samples.neither), log: median(samples.log), histograms: median(samples.histograms), both: median(samples.both) };
}
