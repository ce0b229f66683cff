import { GraphQLError } from 'graphql';
import type { GroupingLane } from '../warehouse/metrics/compute-metric.js';
import { ErrorCode } from '../resolvers/api-errors.js';
import { AdmissionRefused, type AdmissionQueue } from './admission-queue.js';

/**
 * The lane of large metric groupings for GraphQL and the CSV export: at most the queue's limit compute at once, inside
 * their operations' own turns. Ten 10 000-row groupings at once on two cores (an operation slot each) all outlasted
 * the statement timeout together; in turn, they finish one after another. A grouping refused because the lane's queue
 * is full fails its field with code SERVICE_UNAVAILABLE.
 */
export function groupingLane(queue: AdmissionQueue, minRows: number): GroupingLane {
  return {
    minRows,
    run: async (task) => {
      try {
        return await queue.run(task);
      } catch (error) {
        if (!(error instanceof AdmissionRefused)) throw error;
        throw new GraphQLError(error.message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
      }
    },
  };
}
