import type { ApolloServerPlugin } from '@apollo/server';
import { context } from '@opentelemetry/api';
import { tracingRegistered } from './tracing-registered.js';
import { REQUEST_SPANS, type RequestSpans, recordFailure, startRequestSpan } from '../../warehouse/tracing/request-spans.js';

/**
 * Spans of GraphQL's phases under the request's root span: parse (only when the document is not yet cached),
 * validate and execute; SQL statements and disclosure control started during execution nest under its span. The
 * root span is named for the operation once it is known. Without a registered tracer a request gets no listener at
 * all (./tracing-registered.ts).
 */
export function tracingPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      if (!tracingRegistered()) return;
      const spans = context.active().getValue(REQUEST_SPANS) as RequestSpans | undefined;
      return {
        async parsingDidStart() {
          const { span } = startRequestSpan('graphql.parse');
          return async (error) => {
            if (error) recordFailure(span, error);
            span.end();
          };
        },
        async validationDidStart() {
          const { span } = startRequestSpan('graphql.validate');
          return async (errors) => {
            if (errors?.length) recordFailure(span, errors[0]);
            span.end();
          };
        },
        async didResolveOperation({ operationName, operation }) {
          const name = operationName ?? 'anonymous';
          const type = operation?.operation ?? 'query';
          spans?.root.updateName(`graphql ${type} ${name}`);
          spans?.root.setAttributes({ 'graphql.operation.name': name, 'graphql.operation.type': type });
        },
        async executionDidStart() {
          const { span } = startRequestSpan('graphql.execute');
          if (spans) spans.execution = span;
          return {
            async executionDidEnd(error) {
              if (error) recordFailure(span, error);
              if (spans) spans.execution = undefined;
              span.end();
            },
          };
        },
      };
    },
  };
}
