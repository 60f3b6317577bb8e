import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { InvalidInputError } from '../../core/errors';
import { campaignTally } from '../../core/results/tally';
import { Campaign, CampaignId, type CampaignStatus } from '../../../workflows/campaigns/campaign';
import type {
  CampaignPage,
  CampaignStore,
  PageCommit,
  SegmentProgress,
} from '../../../workflows/campaigns/ports';
import { CAMPAIGN_LIST_PARTITION, campaignListKeys, keys } from './keys';
import { queryAll } from './paging';
import { shopTable } from './table-definition';
import { tallyUpdate } from './tally-store';

type Item = Record<string, unknown>;

const COMMIT_ATTEMPTS = 6;

const SegmentItem = z.object({
  segment: z.number().int(),
  pages: z.number().int(),
  cursor: z.string().optional(),
  done: z.boolean(),
});

/** The stamp each status sets, so the campaign says when it started, finished or stopped. */
const stampOf: Record<CampaignStatus, keyof Campaign | undefined> = {
  scheduled: undefined,
  fanning_out: 'startedAt',
  queued: 'queuedAt',
  cancelled: 'cancelledAt',
};

function parseCampaign(item: Item): Campaign {
  const { pk, sk, listPk, listSk, ...campaign } = item;
  return Campaign.parse(campaign);
}

/**
 * Campaigns on the shop table: the campaign item (listed newest first on the customer-list index
 * under its own partition), one item per scan segment with its cursor, and the campaign's tally.
 */
export class DynamoCampaignStore implements CampaignStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(
    campaign: Campaign,
  ): Promise<{ created: true } | { created: false; existing: Campaign }> {
    const valid = Campaign.parse(campaign);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.campaign(valid.id),
            ...campaignListKeys(valid.createdAt, valid.id),
            ...valid,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(valid.id);
      if (existing === undefined) throw error;
      return { created: false, existing };
    }
  }

  async get(campaignId: string): Promise<Campaign | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.campaign(campaignId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseCampaign(Item);
  }

  async list(page: { limit: number; cursor?: string }): Promise<CampaignPage> {
    const index = shopTable.customerList;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: `${index.partitionKey} = :list`,
        ExpressionAttributeValues: { ':list': CAMPAIGN_LIST_PARTITION },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.cursor === undefined ? undefined : decodeListCursor(page.cursor),
      }),
    );
    const last = result.LastEvaluatedKey;
    return {
      campaigns: (result.Items ?? []).map(parseCampaign),
      ...(last === undefined ? {} : { nextCursor: encodeListCursor(last) }),
    };
  }

  async scheduledDue(now: string): Promise<Campaign[]> {
    const index = shopTable.customerList;
    // A shop has tens of campaigns, not thousands: reading the list partition is cheap enough for
    // the local schedule loop and for AWS's five-minute sweep behind EventBridge Scheduler.
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: index.indexName,
      KeyConditionExpression: `${index.partitionKey} = :list`,
      FilterExpression: '#status = :scheduled AND sendAt <= :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':list': CAMPAIGN_LIST_PARTITION,
        ':scheduled': 'scheduled',
        ':now': now,
      },
    });
    return items.map(parseCampaign);
  }

  async transition(
    campaignId: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
    at: string,
  ): Promise<Campaign | undefined> {
    const stamp = stampOf[to];
    const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.campaign(campaignId),
          UpdateExpression: `SET #status = :to, updatedAt = :at, version = version + :one${
            stamp === undefined ? '' : `, ${stamp} = :at`
          }`,
          ConditionExpression: `attribute_exists(pk) AND #status IN (${Object.keys(fromValues).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...fromValues, ':to': to, ':at': at, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes === undefined ? undefined : parseCampaign(Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async segments(campaignId: string): Promise<SegmentProgress[]> {
    const first = keys.campaignScanSegment(campaignId, 0);
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :scan)',
      ExpressionAttributeValues: { ':pk': first.pk, ':scan': 'SCAN#' },
      ConsistentRead: true,
    });
    return items.map(parseSegment);
  }

  async segment(campaignId: string, segment: number): Promise<SegmentProgress | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.campaignScanSegment(campaignId, segment),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseSegment(Item);
  }

  /**
   * The segments of one campaign commit side by side, and the send worker adds to the same tally:
   * a transaction that meets another on that item is cancelled (TransactionConflict) and retried.
   */
  async commitPage(campaignId: string, commit: PageCommit): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.commitPageOnce(campaignId, commit);
      } catch (error) {
        const conflict =
          error instanceof TransactionCanceledException &&
          (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
        if (!conflict || attempt >= COMMIT_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
      }
    }
  }

  private async commitPageOnce(campaignId: string, commit: PageCommit): Promise<boolean> {
    const counts = {
      queued: commit.queued,
      audience: commit.audience,
      unreadable: commit.unreadable,
    };
    const cursor = commit.nextCursor;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.campaignScanSegment(campaignId, commit.segment),
                UpdateExpression: `SET #segment = :segment, pages = :next, done = :done${
                  cursor === undefined ? ' REMOVE #cursor' : ', #cursor = :cursor'
                }`,
                ConditionExpression:
                  commit.readPages === 0 ? 'attribute_not_exists(pk)' : 'pages = :read',
                ExpressionAttributeNames: { '#segment': 'segment', '#cursor': 'cursor' },
                ExpressionAttributeValues: {
                  ':segment': commit.segment,
                  ':next': commit.readPages + 1,
                  ':done': commit.done,
                  ...(cursor === undefined ? {} : { ':cursor': cursor }),
                  ...(commit.readPages === 0 ? {} : { ':read': commit.readPages }),
                },
              },
            },
            ...(Object.values(counts).every((count) => count === 0)
              ? []
              : [{ Update: tallyUpdate(this.tableName, campaignTally(campaignId), counts) }]),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return false;
      throw error;
    }
  }
}

function parseSegment(item: Item): SegmentProgress {
  const { segment, pages, cursor, done } = SegmentItem.parse(item);
  return { segment, pages, done, ...(cursor === undefined ? {} : { cursor }) };
}

/** A list cursor is the last campaign's list sort key; the key is rebuilt through the key module. */
function encodeListCursor(lastKey: Item): string {
  return Buffer.from(String(lastKey.listSk)).toString('base64url');
}

function decodeListCursor(cursor: string): Item {
  const listSk = Buffer.from(cursor, 'base64url').toString('utf8');
  const split = listSk.lastIndexOf('#');
  const createdAt = listSk.slice(0, split);
  const campaignId = CampaignId.safeParse(listSk.slice(split + 1));
  if (split < 0 || !campaignId.success || Number.isNaN(Date.parse(createdAt)))
    throw InvalidInputError.forField('cursor', 'is not a cursor this API returned');
  return { ...keys.campaign(campaignId.data), ...campaignListKeys(createdAt, campaignId.data) };
}
