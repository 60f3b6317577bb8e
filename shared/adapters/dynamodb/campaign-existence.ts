import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys';

/**
 * Whether a campaign is stored, without parsing it: the results route answers 404 for an unknown
 * campaign, and the campaign's shape belongs to the campaigns part. Reads the key only.
 */
export async function campaignExists(
  client: DynamoDBDocumentClient,
  tableName: string,
  campaignId: string,
): Promise<boolean> {
  const { Item } = await client.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.campaign(campaignId),
      ProjectionExpression: 'pk',
    }),
  );
  return Item !== undefined;
}
