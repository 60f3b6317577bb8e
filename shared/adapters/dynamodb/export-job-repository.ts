import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConcurrentWriteError } from '../../core/errors';
import { ExportJob, type ExportJobRepository } from '../../core/export-job';
import { keys } from './keys';

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

  async save(job: ExportJob): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.exportJob(job.id),
            ...job,
            ttl: Math.floor(Date.parse(job.requestedAt) / 1000) + JOB_LIFETIME_SECONDS,
          },
          ConditionExpression:
            job.version === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
          ...(job.version > 1 && { ExpressionAttributeValues: { ':previous': job.version - 1 } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ConcurrentWriteError(`Export ${job.id}`, { cause: error });
      throw error;
    }
  }
}
