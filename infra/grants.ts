import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { globalIndexes } from '../shared/adapters/dynamodb/table-definition';
import { acknowledgeWildcardResource, importedInto } from './nag';

/*
 * Each helper grants one resource and sets the variable that names it, so a handler can never be
 * told about a resource it may not touch, nor be allowed one it was not told about.
 */

/** Item reads. Scan is here because a full-file export reads every customer. */
const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
] as const;

/**
 * Item writes. Transactions need no action of their own: IAM checks each item's Put, Update,
 * Delete or ConditionCheck inside TransactWriteItems.
 */
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export type TableAccess = 'read' | 'readWrite';

/** Sets `TABLE_NAME` and grants item access to the table and each of its declared indexes. */
export function useTable(fn: LambdaFunction, table: ITableV2, access: TableAccess): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  // Index ARNs are spelled out from the shared definition instead of CDK's `index/*`, so the
  // policy holds no wildcard and a new index is granted only once it is declared.
  const indexArns = globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions:
        access === 'read' ? [...tableReadActions] : [...tableReadActions, ...tableWriteActions],
      resources: [table.tableArn, ...indexArns],
    }),
  );
}

/** Sets `ADDRESS_HASH_SECRET_ARN` and grants reading the shop's HMAC key (nothing else). */
export function useAddressHashSecret(fn: LambdaFunction, secret: ISecret): void {
  fn.addEnvironment('ADDRESS_HASH_SECRET_ARN', secret.secretArn);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [secret.secretArn],
    }),
  );
}

/**
 * Sets `EXPORT_BUCKET` and grants writing export files (multipart included) and reading them
 * back, which a presigned download URL needs: S3 checks the signer's permission on each GET.
 */
export function useExportBucket(fn: LambdaFunction, bucket: IBucket): void {
  fn.addEnvironment('EXPORT_BUCKET', bucket.bucketName);
  const objects = `${importedInto(fn, bucket, bucket.bucketArn)}/*`;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
      resources: [objects],
    }),
  );
  if (fn.role) {
    acknowledgeWildcardResource(
      fn.role,
      objects,
      'Each export is a new object under a generated key, unknowable at deploy time; the grant is put/get on objects of this one bucket only.',
    );
  }
}
