import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WinBackCandidate, WinBackCandidates } from '../../../workflows/ports';
import { DUE_PARTITION, dueKeys, keys } from './keys';
import { dueIndexPages } from './paging';

/** The index's page limit is 1 MB; keys-only entries are small, so a page holds a thousand. */
const PAGE_SIZE = 1_000;

/**
 * Win-back candidates straight from the keys-only due index: the entry's `dueSk` is
 * `<dueDay>#<customerId>`, so no profile is read to learn who is due or since when.
 */
export class DynamoWinBackCandidates implements WinBackCandidates {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(today: string, limit: number): Promise<WinBackCandidate[]> {
    const found: WinBackCandidate[] = [];
    const pages = dueIndexPages(this.client, this.tableName, {
      partition: DUE_PARTITION,
      upTo: today,
      pageSize: PAGE_SIZE,
      limit,
    });
    for await (const entries of pages) {
      for (const entry of entries) {
        const dueSk = String(entry.dueSk);
        const separator = dueSk.indexOf('#');
        found.push({ dueDay: dueSk.slice(0, separator), customerId: dueSk.slice(separator + 1) });
      }
    }
    return found;
  }

  postpone(candidate: WinBackCandidate, dueDay: string): Promise<boolean> {
    return this.updateEntry(candidate, 'SET dueSk = :later', {
      ':later': dueKeys(candidate.customerId, dueDay).dueSk,
    });
  }

  dismiss(candidate: WinBackCandidate): Promise<boolean> {
    return this.updateEntry(candidate, 'REMOVE duePk, dueSk', {});
  }

  /** Changes the profile's index entry if it is still the one read; false when it moved. */
  private async updateEntry(
    candidate: WinBackCandidate,
    update: string,
    values: Record<string, string>,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.profile(candidate.customerId),
          UpdateExpression: update,
          ConditionExpression: 'dueSk = :read',
          ExpressionAttributeValues: {
            ...values,
            ':read': dueKeys(candidate.customerId, candidate.dueDay).dueSk,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
