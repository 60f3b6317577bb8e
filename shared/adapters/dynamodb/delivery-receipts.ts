import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TallyOwner } from '../../core/results/tally';
import { DELIVERY_RECEIPT_TTL_DAYS, deliveryReceiptKey } from './keys';
import { tallyUpdate } from './tally-store';
import { transactWrite } from './transactions';

const DAY_MS = 86_400_000;

class AlreadyCounted extends Error {}

/**
 * Counts one SES delivery to its owner exactly once: the receipt `DELIVERED#<sesMessageId>` is
 * put (if absent) in the same transaction as the `delivered` increment, so an SNS redelivery of
 * the event fails the condition and adds nothing. A conflict with another transaction on the
 * tally item is retried by transactWrite.
 */
export class DynamoDeliveryReceipts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** True if this call counted the delivery, false if it was counted before. */
  async count(sesMessageId: string, owner: TallyOwner, now: Date): Promise<boolean> {
    try {
      await transactWrite(
        this.client,
        [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...deliveryReceiptKey(sesMessageId),
                owner,
                countedAt: now.toISOString(),
                ttl: Math.floor((now.getTime() + DELIVERY_RECEIPT_TTL_DAYS * DAY_MS) / 1000),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Update: tallyUpdate(this.tableName, owner, { delivered: 1 }) },
        ],
        () => new AlreadyCounted(),
      );
      return true;
    } catch (error) {
      if (error instanceof AlreadyCounted) return false;
      throw error;
    }
  }
}
