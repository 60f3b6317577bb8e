import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AUDIENCE_ATTRIBUTES, AudienceProfile } from '../../../workflows/campaigns/segment';
import type { AudienceScanner } from '../../../workflows/campaigns/ports';
import { mergeAsync } from '../merge-async';
import { customerSortKeys } from './keys';

/** Items read per Scan page: a crash replays at most this, and a cancel is seen this often. */
export const AUDIENCE_PAGE_ITEMS = 1000;

/** A profile item the audience schema refuses: its key, and the attributes at fault (no values). */
export interface UnreadableProfile {
  readonly pk: string;
  readonly fields: readonly string[];
}

const ScanCursor = z.strictObject({ pk: z.string(), sk: z.string() });

/**
 * One page of one parallel-scan segment of the profiles, projected to what a campaign reads. Only
 * a broadcast to everyone (and a promotion, which filters in code) reads the whole table.
 */
export class DynamoAudienceScanner implements AudienceScanner {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly pageItems = AUDIENCE_PAGE_ITEMS,
    /** Told the key of each profile the schema refuses (never its contents: personal data). */
    private readonly onUnreadable: (item: UnreadableProfile) => void = () => undefined,
  ) {}

  async page(segment: number, totalSegments: number, cursor: string | undefined) {
    const names = Object.fromEntries(AUDIENCE_ATTRIBUTES.map((name, i) => [`#a${i}`, name]));
    const result = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        Segment: segment,
        TotalSegments: totalSegments,
        Limit: this.pageItems,
        FilterExpression: '#sk = :profile',
        // The key too, to name a profile that cannot be read.
        ProjectionExpression: [...Object.keys(names), '#pk'].join(', '),
        ExpressionAttributeNames: { ...names, '#sk': 'sk', '#pk': 'pk' },
        ExpressionAttributeValues: { ':profile': customerSortKeys.profile },
        ExclusiveStartKey: cursor === undefined ? undefined : ScanCursor.parse(JSON.parse(cursor)),
      }),
    );
    const last = result.LastEvaluatedKey;
    // One profile the schema refuses (an old shape, a hand edit) must not stop the segment for
    // everyone after it: it is skipped, counted (`unreadable` on the campaign's tally) and logged.
    const profiles: AudienceProfile[] = [];
    let unreadable = 0;
    for (const item of result.Items ?? []) {
      const parsed = AudienceProfile.safeParse(item);
      if (parsed.success) {
        profiles.push(parsed.data);
        continue;
      }
      unreadable += 1;
      this.onUnreadable({
        pk: String(item.pk),
        fields: [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))],
      });
    }
    return {
      profiles,
      unreadable,
      ...(last === undefined ? {} : { nextCursor: JSON.stringify({ pk: last.pk, sk: last.sk }) }),
    };
  }

  /** Every profile, all segments side by side (the estimate). */
  all(totalSegments: number): AsyncGenerator<AudienceProfile> {
    return mergeAsync(
      Array.from({ length: totalSegments }, (_, segment) =>
        this.segmentProfiles(segment, totalSegments),
      ),
    );
  }

  private async *segmentProfiles(segment: number, totalSegments: number) {
    let cursor: string | undefined;
    do {
      const page = await this.page(segment, totalSegments, cursor);
      yield* page.profiles;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
}
