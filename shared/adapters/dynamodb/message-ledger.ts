import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { InvalidInputError } from '../../core/errors';
import { ClaimLostError } from '../../core/messaging/errors';
import {
  MessageRecord,
  refusedClaim,
  type ClaimResult,
  type MessageClaim,
  type MessageLedger,
  type MessageStatus,
  type SkipResult,
} from '../../core/messaging/ledger';
import { messageKey, SendJob } from '../../core/messaging/send-job';
import type { SkipReason } from '../../core/messaging/skip-reason';
import { keys, UNKNOWN_MESSAGES_PARTITION, unknownMessageIndexKeys } from './keys';
import { readItemsInOrder } from './paging';
import { shopTable } from './table-definition';

/** Longer than any redelivery (SQS keeps a message at most 14 days) and than the owner's reports. */
export const MESSAGE_RECORD_TTL_DAYS = 90;

type Item = Record<string, unknown>;

const names = { '#key': 'key', '#status': 'status', '#ttl': 'ttl' };

/**
 * The message ledger on the shop table: one item per message key. Every write is one conditional
 * UpdateItem that returns the record it wrote; a refused condition returns the item as it was
 * (ReturnValuesOnConditionCheckFailure), so learning why costs no extra read.
 */
export class DynamoMessageLedger implements MessageLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(key: string, job: SendJob, now: string, leaseMs: number): Promise<ClaimResult> {
    const valid = validJob(key, job);
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    // A refusal from a record that changed under us (released, or expired by TTL) is retried.
    for (let round = 1; ; round += 1) {
      const written = await this.update(key, {
        UpdateExpression:
          'SET #key = :key, job = :job, #status = :claimed, claimedAt = :now, ' +
          'leaseUntil = :leaseUntil, attempts = if_not_exists(attempts, :zero) + :one, #ttl = :ttl ' +
          'REMOVE failure, providerMessageId, sentAt, skipReason, skippedAt',
        ConditionExpression: 'attribute_not_exists(pk) OR #status = :failed',
        ExpressionAttributeValues: {
          ':key': key,
          ':job': valid,
          ':claimed': 'claimed' satisfies MessageStatus,
          ':failed': 'failed' satisfies MessageStatus,
          ':now': now,
          ':leaseUntil': leaseUntil,
          ':zero': 0,
          ':one': 1,
          ':ttl': ttlFrom(now),
        },
      });
      if (written.ok)
        return {
          outcome: 'claimed',
          claim: { key, attempt: written.record.attempts },
          record: written.record,
        };
      const existing = written.existing ?? (await this.get(key));
      if (existing !== undefined && (existing.status !== 'failed' || round >= 3))
        return refusedClaim(existing, now);
      if (round >= 3) throw new Error(`Message ${key} could not be claimed nor read`);
    }
  }

  recordSent(claim: MessageClaim, providerMessageId: string, now: string): Promise<MessageRecord> {
    return this.settle(claim, ['claimed', 'unknown'], {
      UpdateExpression:
        'SET #status = :to, providerMessageId = :providerMessageId, sentAt = :now, #ttl = :ttl ' +
        'REMOVE failure, duePk, dueSk',
      ExpressionAttributeValues: {
        ':to': 'sent' satisfies MessageStatus,
        ':providerMessageId': providerMessageId,
        ':now': now,
        ':ttl': ttlFrom(now),
      },
    });
  }

  release(claim: MessageClaim, now: string, reason: string): Promise<MessageRecord> {
    const update = failureUpdate('failed', now, reason);
    return this.settle(claim, ['claimed', 'unknown'], {
      ...update,
      UpdateExpression: `${update.UpdateExpression} REMOVE duePk, dueSk`,
    });
  }

  /** Also lists the message under the due index's unknown partition, for the owner. */
  markUnknown(claim: MessageClaim, now: string, why: string): Promise<MessageRecord> {
    const update = failureUpdate('unknown', now, why);
    const index = unknownMessageIndexKeys(now, claim.key);
    return this.settle(claim, ['claimed'], {
      UpdateExpression: `${update.UpdateExpression}, duePk = :duePk, dueSk = :dueSk`,
      ExpressionAttributeValues: {
        ...update.ExpressionAttributeValues,
        ':duePk': index.duePk,
        ':dueSk': index.dueSk,
      },
    });
  }

  async listUnknown(limit: number): Promise<{ records: MessageRecord[]; more: boolean }> {
    const index = shopTable.dueForWinBack;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: `${index.partitionKey} = :unknown`,
        ExpressionAttributeValues: { ':unknown': UNKNOWN_MESSAGES_PARTITION },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const items = await readItemsInOrder(this.client, this.tableName, result.Items ?? []);
    const records = items.map(parseRecord);
    return { records, more: result.LastEvaluatedKey !== undefined };
  }

  async recordSkip(
    key: string,
    job: SendJob,
    reason: SkipReason,
    now: string,
  ): Promise<SkipResult> {
    const valid = validJob(key, job);
    const written = await this.update(key, {
      UpdateExpression:
        'SET #key = :key, job = :job, #status = :skipped, skipReason = :reason, skippedAt = :now, ' +
        'attempts = if_not_exists(attempts, :zero), #ttl = :ttl REMOVE failure',
      ConditionExpression: 'attribute_not_exists(pk) OR #status = :failed',
      ExpressionAttributeValues: {
        ':key': key,
        ':job': valid,
        ':skipped': 'skipped' satisfies MessageStatus,
        ':failed': 'failed' satisfies MessageStatus,
        ':reason': reason,
        ':now': now,
        ':zero': 0,
        ':ttl': ttlFrom(now),
      },
    });
    if (written.ok) return { outcome: 'recorded', record: written.record };
    const existing = written.existing ?? (await this.get(key));
    if (existing === undefined) throw new Error(`Message ${key} refused a skip but is gone`);
    return { outcome: 'alreadyDecided', record: existing };
  }

  async get(key: string): Promise<MessageRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.message(key), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : parseRecord(Item);
  }

  /** A transition only the claiming attempt may make, from one of `from`. */
  private async settle(
    claim: MessageClaim,
    from: readonly MessageStatus[],
    update: { UpdateExpression: string; ExpressionAttributeValues: Item },
  ): Promise<MessageRecord> {
    const fromValues = Object.fromEntries(from.map((status, index) => [`:from${index}`, status]));
    const written = await this.update(claim.key, {
      UpdateExpression: update.UpdateExpression,
      ConditionExpression: `#status IN (${Object.keys(fromValues).join(', ')}) AND attempts = :attempt`,
      ExpressionAttributeValues: {
        ...update.ExpressionAttributeValues,
        ...fromValues,
        ':attempt': claim.attempt,
      },
    });
    if (written.ok) return written.record;
    throw new ClaimLostError(claim, written.existing, { cause: written.error });
  }

  private async update(
    key: string,
    input: {
      UpdateExpression: string;
      ConditionExpression: string;
      ExpressionAttributeValues: Item;
    },
  ): Promise<
    | { ok: true; record: MessageRecord }
    | { ok: false; existing: MessageRecord | undefined; error: ConditionalCheckFailedException }
  > {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.message(key),
          ...input,
          ExpressionAttributeNames: usedNames(input),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      if (Attributes === undefined) throw new Error(`Message ${key}: the update returned nothing`);
      return { ok: true, record: parseRecord(Attributes) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = error.Item === undefined ? undefined : parseRecord(unmarshall(error.Item));
      return { ok: false, existing, error };
    }
  }
}

function failureUpdate(to: 'failed' | 'unknown', now: string, reason: string) {
  return {
    UpdateExpression: 'SET #status = :to, failure = :failure, #ttl = :ttl',
    ExpressionAttributeValues: {
      ':to': to satisfies MessageStatus,
      ':failure': { at: now, reason: reason.slice(0, 1000) },
      ':ttl': ttlFrom(now),
    },
  };
}

/** DynamoDB refuses names an expression does not use. */
function usedNames(input: { UpdateExpression: string; ConditionExpression: string }) {
  const text = `${input.UpdateExpression} ${input.ConditionExpression}`;
  return Object.fromEntries(Object.entries(names).filter(([name]) => text.includes(name)));
}

function validJob(key: string, job: SendJob): SendJob {
  const valid = SendJob.parse(job);
  if (messageKey(valid) !== key)
    throw InvalidInputError.forField('key', 'is not the message key of this job');
  return valid;
}

function ttlFrom(now: string): number {
  return Math.floor(Date.parse(now) / 1000) + MESSAGE_RECORD_TTL_DAYS * 24 * 60 * 60;
}

function parseRecord(item: Item): MessageRecord {
  const { pk, sk, ttl, duePk, dueSk, ...record } = item;
  return MessageRecord.parse(record);
}
