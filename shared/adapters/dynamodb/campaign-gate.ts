import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CampaignGate } from '../../core/messaging/dispatch-deps';
import { keys } from './keys';

/** How long an answer is reused: a cancel takes effect within this on every send worker. */
export const CAMPAIGN_GATE_TTL_MS = 5_000;

/**
 * Whether a campaign was cancelled, read from its item's status and remembered per instance for a
 * few seconds, so a batch of ten jobs of one campaign costs about one read.
 */
export class CachedCampaignGate implements CampaignGate {
  /** The answer, or the read under way, per campaign: concurrent jobs share one read. */
  private readonly answers = new Map<string, { cancelled: Promise<boolean>; until: number }>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowMs: () => number,
    private readonly ttlMs = CAMPAIGN_GATE_TTL_MS,
  ) {}

  isCancelled(campaignId: string): Promise<boolean> {
    const now = this.nowMs();
    const cached = this.answers.get(campaignId);
    if (cached !== undefined && cached.until > now) return cached.cancelled;
    const cancelled = this.read(campaignId);
    this.answers.set(campaignId, { cancelled, until: now + this.ttlMs });
    // A failed read is not remembered: the next job asks again.
    cancelled.catch(() => this.answers.delete(campaignId));
    return cancelled;
  }

  private async read(campaignId: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.campaign(campaignId),
        ProjectionExpression: '#status',
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    );
    return Item?.status === 'cancelled';
  }
}
