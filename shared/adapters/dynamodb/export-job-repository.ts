import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ExportJob, type ExportJobRepository } from '../../core/export-job';
import { keys } from './keys';
import { putIfVersion } from './version-condition';

/** Export jobs are kept for a week (DynamoDB's TTL removes them); their files for a day. */
const JOB_LIFETIME_SECONDS = 7 * 24 * 3600;

export class DynamoExportJobRepository implements ExportJobRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<ExportJob | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.exportJob(id), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : ExportJob.parse(Item);
  }

  save(job: ExportJob): Promise<void> {
    const ttl = Math.floor(Date.parse(job.requestedAt) / 1000) + JOB_LIFETIME_SECONDS;
    const item = { ...keys.exportJob(job.id), ...ExportJob.parse(job), ttl };
    return putIfVersion(this.client, this.tableName, item, job.version - 1, `Export ${job.id}`);
  }
}
