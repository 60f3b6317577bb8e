import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ActiveEnrollment, Enrollment } from '../../../workflows/enrollment';
import { enrolledCounter } from '../../../workflows/journey-counts';
import type {
  EnrollmentStore,
  OnUnreadable,
  StartOutcome,
  WinBackCandidate,
} from '../../../workflows/ports';
import { UnreadableItemError } from '../../../workflows/ports';
import { ConcurrentWriteError } from '../../core/errors';
import { workflowTally, type Counts } from '../../core/results/tally';
import { enrollmentItem, parseEnrollment, safeParseEnrollment } from './enrollment-items';
import {
  customerPartition,
  customerSortKeys,
  dueKeys,
  ENROLLMENT_DUE_PARTITION,
  keys,
} from './keys';
import { dueIndexPages, queryAll, readItemsInOrder } from './paging';
import { tallyUpdate } from './tally-store';
import { transactWrite, type FailedCondition } from './transactions';

/** Keys per index page, and so per BatchGetItem (its limit is 100). */
const PAGE_SIZE = 100;

class StartRefused extends Error {
  constructor(readonly failures: FailedCondition[]) {
    super('The enrollment was not started');
  }
}

/** Enrollments in their customers' partitions; active ones on the due index under `ENROLL_AT`. */
export class DynamoEnrollmentStore implements EnrollmentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async last(customerId: string, workflowId: string): Promise<Enrollment | null> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': customerPartition(customerId),
          ':prefix': `${customerSortKeys.enrollment}${workflowId}#`,
        },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const [item] = Items ?? [];
    if (item === undefined) return null;
    const enrollment = safeParseEnrollment(item);
    if (enrollment === undefined)
      throw new UnreadableItemError({ pk: String(item.pk), sk: String(item.sk) });
    return enrollment;
  }

  async start(enrollment: ActiveEnrollment, candidate: WinBackCandidate): Promise<StartOutcome> {
    const { customerId, dueDay } = candidate;
    try {
      await transactWrite(
        this.client,
        [
          {
            Put: {
              TableName: this.tableName,
              Item: enrollmentItem(enrollment),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            // The candidate leaves the due index in the same write that enrolls it.
            Update: {
              TableName: this.tableName,
              Key: keys.profile(customerId),
              UpdateExpression: 'REMOVE duePk, dueSk',
              ConditionExpression: 'dueSk = :read',
              ExpressionAttributeValues: { ':read': dueKeys(customerId, dueDay).dueSk },
            },
          },
          {
            Update: tallyUpdate(this.tableName, workflowTally(enrollment.workflowId), {
              [enrolledCounter(enrollment.holdout)]: 1,
            }),
          },
        ],
        (failures) => new StartRefused(failures),
      );
      return 'started';
    } catch (error) {
      if (!(error instanceof StartRefused)) throw error;
      return error.failures.some((failure) => failure.index === 0)
        ? 'already_enrolled'
        : 'candidate_moved';
    }
  }

  async due(now: string, limit: number, onUnreadable?: OnUnreadable): Promise<Enrollment[]> {
    const found: Enrollment[] = [];
    const upTo = new Date(now).toISOString();
    const pages = dueIndexPages(this.client, this.tableName, {
      partition: ENROLLMENT_DUE_PARTITION,
      upTo,
      pageSize: PAGE_SIZE,
      limit,
    });
    for await (const entries of pages) {
      const items = await readItemsInOrder(this.client, this.tableName, entries);
      // The index lags the table a little: what ended or moved since is left for its next turn.
      for (const item of items) {
        const enrollment = safeParseEnrollment(item);
        // Skipped, not thrown: being the oldest due, a bad item would otherwise stop every run.
        if (enrollment === undefined) onUnreadable?.({ pk: String(item.pk), sk: String(item.sk) });
        else if (enrollment.status === 'active' && enrollment.nextAt <= now) found.push(enrollment);
      }
    }
    return found;
  }

  async ofCustomer(customerId: string): Promise<Enrollment[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': customerPartition(customerId),
        ':prefix': customerSortKeys.enrollment,
      },
      ConsistentRead: true,
    });
    return items.map(parseEnrollment);
  }

  async save(next: Enrollment, readVersion: number, counts: Counts): Promise<void> {
    const put = {
      TableName: this.tableName,
      Item: enrollmentItem(next),
      ConditionExpression: 'version = :readVersion',
      ExpressionAttributeValues: { ':readVersion': readVersion },
    };
    const what = `Enrollment ${next.id}`;
    if (Object.values(counts).every((value) => value === 0)) {
      try {
        await this.client.send(new PutCommand(put));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new ConcurrentWriteError(what, { cause: error });
        throw error;
      }
      return;
    }
    await transactWrite(
      this.client,
      [
        { Put: put },
        { Update: tallyUpdate(this.tableName, workflowTally(next.workflowId), counts) },
      ],
      () => new ConcurrentWriteError(what),
    );
  }
}
