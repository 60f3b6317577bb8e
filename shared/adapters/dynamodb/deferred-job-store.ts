import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeferredJob, type DeferredJobStore } from '../../core/messaging/deferred-jobs';
import { messageKey, SendJob } from '../../core/messaging/send-job';
import { deferredJobDueKeys, keys, SEND_AT_PARTITION } from './keys';
import { dueIndexPages, readItemsInOrder } from './paging';

/** A deferral outlives its due time by this much at most, should the release never run. */
export const DEFERRED_JOB_TTL_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Keys per index page, and so per BatchGetItem (its limit is 100). */
const PAGE_SIZE = 100;

/**
 * Deferred send jobs on the shop table: one item per message key, listed through the existing
 * due index (keys only) under the `SEND_AT` partition, then read by key. TTL is a backstop.
 */
export class DynamoDeferredJobStore implements DeferredJobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async defer(job: SendJob, until: string): Promise<void> {
    const valid = SendJob.parse(job);
    const key = messageKey(valid);
    // One spelling of the instant, so the index sorts by time.
    const at = new Date(until).toISOString();
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.deferredJob(key),
          ...deferredJobDueKeys(at, key),
          key,
          job: valid,
          until: at,
          ttl: Math.floor((Date.parse(at) + DEFERRED_JOB_TTL_DAYS * DAY_MS) / 1000),
        },
      }),
    );
  }

  async get(key: string): Promise<DeferredJob | undefined> {
    const [deferred] = await readItemsInOrder(this.client, this.tableName, [keys.deferredJob(key)]);
    return deferred === undefined ? undefined : parseDeferred(deferred);
  }

  async *due(now: string): AsyncIterable<DeferredJob> {
    const pages = dueIndexPages(this.client, this.tableName, {
      partition: SEND_AT_PARTITION,
      upTo: new Date(now).toISOString(),
      pageSize: PAGE_SIZE,
    });
    for await (const entries of pages) {
      const items = await readItemsInOrder(this.client, this.tableName, entries);
      yield* items.map(parseDeferred);
    }
  }

  async remove(deferred: Pick<DeferredJob, 'key' | 'until'>): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.deferredJob(deferred.key),
          ConditionExpression: '#until = :until',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':until': new Date(deferred.until).toISOString() },
        }),
      );
    } catch (error) {
      // Gone already (a second release), or deferred again since: either way, not ours to delete.
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }
}

function parseDeferred({ key, job, until }: Record<string, unknown>): DeferredJob {
  return DeferredJob.parse({ key, job, until });
}
