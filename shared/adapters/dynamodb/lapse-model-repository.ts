import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ShopLapseModel } from '../../core/lapse/shop-lapse-model';
import type { LapseModelRepository } from '../../core/ports';
import { keys } from './keys';
import { putIfVersion } from './version-condition';

const StoredModel = z.object({ model: ShopLapseModel, version: z.number().int().min(1) });

export class DynamoLapseModelRepository implements LapseModelRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get() {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.lapseModel(), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : StoredModel.parse(Item);
  }

  save(model: ShopLapseModel, readVersion: number): Promise<void> {
    const item = {
      ...keys.lapseModel(),
      ...StoredModel.parse({ model, version: readVersion + 1 }),
    };
    return putIfVersion(this.client, this.tableName, item, readVersion, 'The lapse model');
  }
}

/**
 * The model is refitted weekly and read by every order write: each function keeps it for ten
 * minutes, so recording an order reads no model. A refit reaches every function within that.
 */
export class CachedLapseModel {
  private cached: { model: ShopLapseModel | null; until: number } | undefined;

  constructor(
    private readonly inner: LapseModelRepository,
    private readonly nowMs: () => number,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  async current(): Promise<ShopLapseModel | null> {
    if (this.cached !== undefined && this.cached.until > this.nowMs()) return this.cached.model;
    const model = (await this.inner.get())?.model ?? null;
    this.cached = { model, until: this.nowMs() + this.ttlMs };
    return model;
  }
}
