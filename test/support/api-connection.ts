import http from 'node:http';
import { RELOADED_FIGURE_QUERY } from './figure-reload.js';
import { waitFor } from './wait-for.js';

/** One kept-alive connection to an API process: its answers to the reloaded figure and its /metrics. */
export interface ApiConnection {
  /** POSTs a GraphQL query (with an API key, if given) and returns the body as it came. */
  ask(query: string, apiKey?: string): Promise<string>;
  /** The reloaded figure's values, as this connection's process answers them. */
  figure(): Promise<number[]>;
  /** A sample of the process's /metrics (read with the admin key), NaN when it has none. */
  metric(name: string): Promise<number>;
  /** Waits until the process answers `value` from its cache (a hit counted over the request). */
  servesFromCache(value: number): Promise<void>;
  close(): void;
}

/**
 * Requests over one kept-alive connection: in a cluster one worker answers them all (the primary hands out
 * connections, not requests), so the /metrics read here count the requests sent here.
 */
export function apiConnection(graphqlUrl: string, adminKey: string): ApiConnection {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (path: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
    new Promise<string>((resolve, reject) => {
      const request = http.request(new URL(path, graphqlUrl), { method: init.method, headers: init.headers, agent }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
      });
      request.on('error', reject);
      request.end(init.body);
    });
  const ask = (query: string, apiKey?: string) =>
    send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
      body: JSON.stringify({ query }),
    });
  const figure = async () => {
    const text = await ask(RELOADED_FIGURE_QUERY);
    return (JSON.parse(text) as { data: { publishedFigures: { nodes: { value: number }[] } } }).data.publishedFigures.nodes.map((n) => n.value);
  };
  const metric = async (name: string) => {
    const text = await send('/metrics', { method: 'GET', headers: { 'x-api-key': adminKey } });
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  };
  return {
    ask,
    figure,
    metric,
    async servesFromCache(value) {
      await waitFor(`${value} from the cache of ${graphqlUrl}`, async () => {
        const before = await metric('result_cache_hits_total');
        const answer = await figure();
        return answer.length === 1 && answer[0] === value && (await metric('result_cache_hits_total')) > before;
      });
    },
    close: () => agent.destroy(),
  };
}
