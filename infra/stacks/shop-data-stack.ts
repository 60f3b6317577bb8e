import { Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { createAddressHashSecret } from '../constructs/address-hash-secret';
import { ExportBucket } from '../constructs/export-bucket';
import { OwnerUserPool } from '../constructs/owner-user-pool';
import { createShopTable } from '../constructs/shop-table';

/**
 * A shop's state: the customer table, the address-hash key, the owner's sign-in and the export
 * bucket. Kept apart from the functions and the API so those can be replaced, renamed or torn
 * down freely, while this stack is termination-protected and retains what matters.
 */
export class ShopDataStack extends Stack {
  readonly table: TableV2;
  readonly addressHashSecret: Secret;
  readonly exportBucket: Bucket;
  readonly owners: OwnerUserPool;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    this.table = createShopTable(this, 'ShopTable');
    this.addressHashSecret = createAddressHashSecret(this, 'AddressHashSecret');
    this.exportBucket = new ExportBucket(this, 'Exports').bucket;
    this.owners = new OwnerUserPool(this, 'Owners');
  }
}
