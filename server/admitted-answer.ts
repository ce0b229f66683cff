import { ErrorCode } from '../resolvers/api-errors.js';
import { AdmissionAbandoned, AdmissionRefused, type AdmissionQueue } from './admission-queue.js';
import type { Answer } from './graphql-http-handler.js';

/** Seconds a refused client is asked to wait before it retries: a full queue means a burst, which a second thins. */
export const RETRY_AFTER_S = '1';

/** The answer of a request whose client has gone: nobody reads it. */
const GONE = { status: 499, headers: [], body: '' };

/**
 * An answer computed in its turn (server/admission-queue.ts). A request refused because the queue is full gets 503
 * with `Retry-After` and the GraphQL error shape, code SERVICE_UNAVAILABLE; one whose client closed the connection
 * while it waited is not computed when its turn comes. Nothing of either ran.
 */
export function admittedAnswer(queue: AdmissionQueue, answer: Answer): Answer {
  if (queue.limit === 0) return answer;
  return async (req) => {
    try {
      return await queue.run(
        () => answer(req),
        () => req.socket.destroyed,
      );
    } catch (error) {
      if (error instanceof AdmissionAbandoned) return GONE;
      if (!(error instanceof AdmissionRefused)) throw error;
      const body = { errors: [{ message: error.message, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] };
      return {
        status: 503,
        headers: [
          ['content-type', 'application/json; charset=utf-8'],
          ['retry-after', RETRY_AFTER_S],
        ],
        body: JSON.stringify(body),
      };
    }
  };
}
