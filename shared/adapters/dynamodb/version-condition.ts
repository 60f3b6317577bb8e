import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConcurrentWriteError } from '../../core/errors';

/**
 * The condition of an optimistic write: the item is still at the version the writer read
 * (version 0: there was no item yet).
 */
export function versionCondition(readVersion: number): {
  ConditionExpression: string;
  ExpressionAttributeValues?: Record<string, number>;
} {
  return readVersion === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: 'version = :readVersion',
        ExpressionAttributeValues: { ':readVersion': readVersion },
      };
}

/** Puts `item` if the stored one is still at `readVersion`; otherwise ConcurrentWriteError. */
export async function putIfVersion(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  readVersion: number,
  what: string,
): Promise<void> {
  try {
    await client.send(
      new PutCommand({ TableName: tableName, Item: item, ...versionCondition(readVersion) }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new ConcurrentWriteError(what, { cause: error });
    throw error;
  }
}
