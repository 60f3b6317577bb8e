import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CAP_WINDOW_MS, CapWindow } from '../../core/messaging/frequency-cap';
import type { CapWindowStore } from '../../core/messaging/ledger';
import { MAX_ATTRIBUTION_WINDOW_DAYS } from '../../core/settings';
import { keys } from './keys';
import { putIfVersion } from './version-condition';

/** A window is useless a day after its newest send; the second day is slack for clock skew. */
const KEEP_AFTER_NEWEST_SEND_MS = 2 * CAP_WINDOW_MS;

/**
 * The last touch must outlive the longest attribution window the settings allow (the store does
 * not know the shop's current one), plus a day of slack.
 */
const KEEP_AFTER_LAST_TOUCH_MS = (MAX_ATTRIBUTION_WINDOW_DAYS + 1) * CAP_WINDOW_MS;

/** The frequency cap's window on the shop table: one item per customer, written optimistically. */
export class DynamoCapWindowStore implements CapWindowStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(customerId: string): Promise<CapWindow> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.capWindow(customerId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? { sends: [], version: 0 } : parseCapWindowItem(Item);
  }

  save(customerId: string, next: CapWindow, readVersion: number): Promise<void> {
    const window = CapWindow.parse(next);
    const keepUntil = Math.max(
      ...window.sends.map((send) => Date.parse(send.at) + KEEP_AFTER_NEWEST_SEND_MS),
      ...(window.lastTouch === undefined
        ? []
        : [Date.parse(window.lastTouch.at) + KEEP_AFTER_LAST_TOUCH_MS]),
    );
    // TTL deletes in its own time, never early; an empty window (no send, no touch) is kept.
    const ttl = Number.isFinite(keepUntil) ? { ttl: Math.floor(keepUntil / 1000) } : {};
    return putIfVersion(
      this.client,
      this.tableName,
      { ...keys.capWindow(customerId), ...window, ...ttl },
      readVersion,
      `The frequency-cap window of customer ${customerId}`,
    );
  }
}

/** A stored window without its key and TTL attributes. */
export function parseCapWindowItem(item: Record<string, unknown>): CapWindow {
  const { pk, sk, ttl, ...window } = item;
  return CapWindow.parse(window);
}
