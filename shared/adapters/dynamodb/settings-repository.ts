import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SettingsRepository } from '../../core/ports';
import { defaultShopSettings, type ShopSettings } from '../../core/settings';
import { settingsItem } from './items';
import { keys } from './keys';
import { putIfVersion } from './version-condition';

export class DynamoSettingsRepository implements SettingsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(): Promise<ShopSettings> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.settings(), ConsistentRead: true }),
    );
    return Item === undefined ? defaultShopSettings : settingsItem.parse(Item);
  }

  save(next: ShopSettings, expectedVersion: number): Promise<void> {
    return putIfVersion(
      this.client,
      this.tableName,
      settingsItem.from(next),
      expectedVersion,
      'Shop settings',
    );
  }
}

/**
 * Settings change rarely and are read by every request: each function keeps them for a short
 * while, so recording an order costs no settings read. An owner's change reaches every function
 * within `ttlMs`.
 */
export class CachedSettingsRepository implements SettingsRepository {
  private cached: { settings: ShopSettings; until: number } | undefined;

  constructor(
    private readonly inner: SettingsRepository,
    private readonly nowMs: () => number,
    private readonly ttlMs = 60_000,
  ) {}

  async get(): Promise<ShopSettings> {
    if (this.cached !== undefined && this.cached.until > this.nowMs()) return this.cached.settings;
    const settings = await this.inner.get();
    this.cached = { settings, until: this.nowMs() + this.ttlMs };
    return settings;
  }

  async save(next: ShopSettings, expectedVersion: number): Promise<void> {
    this.cached = undefined;
    await this.inner.save(next, expectedVersion);
  }
}
