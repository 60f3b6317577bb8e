import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { globalIndexes, shopTable } from '../../shared/adapters/dynamodb/table-definition';

/**
 * The shop's one table, built from the shared definition that DynamoDB Local also uses, so the
 * keys and indexes tested locally are the ones deployed.
 */
export function createShopTable(scope: Construct, id: string): TableV2 {
  return new TableV2(scope, id, {
    partitionKey: { name: shopTable.partitionKey, type: AttributeType.STRING },
    sortKey: { name: shopTable.sortKey, type: AttributeType.STRING },
    globalSecondaryIndexes: globalIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType[index.projection],
    })),
    timeToLiveAttribute: shopTable.timeToLiveAttribute,
    // A small shop's traffic is bursty and mostly idle: pay per request, nothing when quiet.
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // AWS-managed key (aws/dynamodb) rather than the default AWS-owned one: key use shows up in
    // the shop's CloudTrail, which an auditor of personal data asks for. Not customer-managed:
    // that costs a key per shop per month and a key policy to look after, and buys control we do
    // not use (cross-account sharing, disabling the key to make the table unreadable).
    encryption: TableEncryptionV2.awsManagedKey(),
    deletionProtection: true,
    // The shop's customer file outlives any stack: deleting the stack must not delete it.
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
