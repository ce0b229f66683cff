import { describe, expect, it } from 'vitest';
import { createLogger } from '../server/observability/logger.js';
import { useServerFixture } from './support/server-fixture.js';

/**
 * A single answer's content type, chosen from the Accept header once per distinct header
 * (server/response-content-type.plugin.ts), as Apollo Server chooses it per request (GraphQL over HTTP).
 */
const fixture = useServerFixture({ logger: createLogger('silent') });

async function typeFor(accept: string | undefined, query = '{ __typename }'): Promise<[number, string | null]> {
  const response = await fetch(`${fixture.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) },
    body: JSON.stringify({ query }),
  });
  await response.text();
  return [response.status, response.headers.get('content-type')];
}

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE = 'application/graphql-response+json; charset=utf-8';

describe('the content type of an answer', () => {
  it.each([
    [undefined, 200, JSON_TYPE],
    ['*/*', 200, JSON_TYPE],
    ['application/json', 200, JSON_TYPE],
    ['application/graphql-response+json', 200, GRAPHQL_RESPONSE],
    ['application/graphql-response+json, application/json;q=0.9', 200, GRAPHQL_RESPONSE],
    ['application/json;q=0.5, application/graphql-response+json', 200, GRAPHQL_RESPONSE],
  ])('Accept %s: %i, %s (and the same when asked again)', async (accept, status, type) => {
    expect(await typeFor(accept)).toEqual([status, type]);
    expect(await typeFor(accept)).toEqual([status, type]);
  });

  it('refuses an Accept header that takes neither type with 406, every time', async () => {
    for (let i = 0; i < 2; i++) {
      const [status] = await typeFor('text/html');
      expect(status).toBe(406);
    }
  });

  it('types an error answer as its Accept header asks, and so its status (400, or 200 for application/json)', async () => {
    expect(await typeFor('application/graphql-response+json', '{ nope }')).toEqual([400, GRAPHQL_RESPONSE]);
    expect(await typeFor(undefined, '{ nope }')).toEqual([200, JSON_TYPE]);
  });
});
