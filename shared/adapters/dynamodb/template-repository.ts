import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MessageTemplate } from '../../core/templates/message-template';
import {
  StoredTemplate,
  templateLookup,
  type TemplateLookup,
  type TemplateRepository,
} from '../../core/templates/template-catalog';
import { keys, TEMPLATE_PARTITION, TEMPLATE_SORT_PREFIX } from './keys';
import { queryAll } from './paging';
import { putIfVersion } from './version-condition';

/** The shop's templates in the `SHOP` partition, one item each, written optimistically. */
export class DynamoTemplateRepository implements TemplateRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<StoredTemplate[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': TEMPLATE_PARTITION, ':prefix': TEMPLATE_SORT_PREFIX },
      ConsistentRead: true,
    });
    return items.map(parseTemplateItem);
  }

  async get(templateId: string): Promise<StoredTemplate | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.template(templateId),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : parseTemplateItem(Item);
  }

  save(next: StoredTemplate, readVersion: number): Promise<void> {
    const stored = StoredTemplate.parse(next);
    return putIfVersion(
      this.client,
      this.tableName,
      { ...keys.template(stored.template.id), ...stored },
      readVersion,
      `Template ${stored.template.id}`,
    );
  }
}

function parseTemplateItem(item: Record<string, unknown>): StoredTemplate {
  const { pk, sk, ...stored } = item;
  return StoredTemplate.parse(stored);
}

/**
 * The templates as the dispatcher uses them: the shop's own loaded with one Query and kept for a
 * minute, the built-ins behind them. An owner's edit reaches every sender within `ttlMs`.
 */
export class CachedTemplateLookup {
  private cached: { lookup: TemplateLookup; until: number } | undefined;

  constructor(
    private readonly repository: TemplateRepository,
    private readonly builtIn: TemplateLookup,
    private readonly nowMs: () => number,
    private readonly ttlMs = 60_000,
  ) {}

  async current(): Promise<TemplateLookup> {
    if (this.cached !== undefined && this.cached.until > this.nowMs()) return this.cached.lookup;
    const own: MessageTemplate[] = (await this.repository.list()).map((item) => item.template);
    const lookup = templateLookup(own, this.builtIn);
    this.cached = { lookup, until: this.nowMs() + this.ttlMs };
    return lookup;
  }
}
