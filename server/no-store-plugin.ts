import type { ApolloServerPlugin } from '@apollo/server';

/**
 * `Cache-Control: no-store` on every GraphQL response, as Apollo's cache-control plugin sends it when no field has a
 * cache hint (none has: answers depend on the caller's role, so no shared cache may keep them). That plugin wraps
 * every field resolver to collect hints this API never gives; this one only sets the header, off the per-field path
 * (install it with ApolloServerPluginCacheControlDisabled).
 */
export function noStorePlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
