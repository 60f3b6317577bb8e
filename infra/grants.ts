import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import type { RouteNeeds, TableNeeds } from '../functions/routes';
import { globalIndexes } from '../shared/adapters/dynamodb/table-definition';
import { EXPORT_KEY_PREFIX } from '../shared/adapters/export/s3-export-sink';
import { acknowledgeWildcardResource, importedInto } from './nag';

/*
 * Each helper grants one resource and sets the variable that names it, so a handler can never be
 * told about a resource it may not touch, nor be allowed one it was not told about.
 */

/** Item reads: single items, batches of keys and queries, never the whole table. */
const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * Item writes. Transactions need no action of their own: IAM checks each item's Put, Update,
 * Delete or ConditionCheck inside TransactWriteItems.
 */
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** The item actions `needs` asks for: the base set of its access, then each costly extra it names. */
function tableActions(needs: TableNeeds): string[] {
  return [
    ...tableReadActions,
    ...(needs.access === 'readWrite' ? tableWriteActions : []),
    // A full-file export reads every customer.
    ...(needs.scan ? ['dynamodb:Scan'] : []),
    // Erasure deletes a customer's consent history 25 items at a time.
    ...(needs.access === 'readWrite' && needs.batchWrite ? ['dynamodb:BatchWriteItem'] : []),
  ];
}

/** Sets `TABLE_NAME` and grants item access to the table and each of its declared indexes. */
export function useTable(fn: LambdaFunction, table: ITableV2, needs: TableNeeds): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  // Index ARNs are spelled out from the shared definition instead of CDK's `index/*`, so the
  // policy holds no wildcard and a new index is granted only once it is declared.
  const indexArns = globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: tableActions(needs),
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

export type ExportBucketAccess = 'read' | 'write';

/**
 * What each kind of export-bucket user may do to its objects. A download link is signed with the
 * signer's own permission, which S3 checks on every GET, so presigning needs `GetObject` and
 * nothing else. Writing needs `PutObject`, which also covers starting, uploading the parts of and
 * completing a multipart upload; aborting one is its own action. Neither side may list or delete.
 */
const exportBucketActions: Record<ExportBucketAccess, readonly string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
};

/** Sets `EXPORT_BUCKET` and grants reading export files, or writing them: never both. */
export function useExportBucket(
  fn: LambdaFunction,
  bucket: IBucket,
  access: ExportBucketAccess,
): void {
  fn.addEnvironment('EXPORT_BUCKET', bucket.bucketName);
  const objects = `${importedInto(fn, bucket, bucket.bucketArn)}/${EXPORT_KEY_PREFIX}*`;
  fn.addToRolePolicy(
    new PolicyStatement({ actions: [...exportBucketActions[access]], resources: [objects] }),
  );
  if (fn.role) {
    acknowledgeWildcardResource(
      fn.role,
      objects,
      `Each export is a new object under a generated key, unknowable at deploy time; the grant is ${access === 'read' ? 'get' : 'put'} on the export objects of this one bucket only.`,
    );
  }
}

/**
 * Sets the queue's URL in `urlVariable` and grants sending to it, nothing else: no receiving or
 * deleting, which only the queue's consumer does. The queues use SQS-managed encryption, so no
 * KMS permission is needed to send.
 */
export function useQueueSender(fn: LambdaFunction, queue: IQueue, urlVariable: string): void {
  fn.addEnvironment(urlVariable, queue.queueUrl);
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
  );
}

/**
 * Sets `DEAD_LETTER_QUEUE_URL` and grants sending to that one dead-letter queue: for a consumer
 * that moves a message it can never handle there itself (forwardsToDeadLetterQueue), with the
 * reason, instead of failing it until SQS's redrive does.
 */
export function useDeadLetterForwarding(fn: LambdaFunction, deadLetterQueue: IQueue): void {
  fn.addEnvironment('DEAD_LETTER_QUEUE_URL', deadLetterQueue.queueUrl);
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }),
  );
}

/** What a sending function is granted on, all made by the API stack. */
export interface SendingResources {
  readonly configurationSetName: string;
  /** The configuration set every email goes through. */
  readonly configurationSetArn: string;
  /** The shop's verified SES identity, the only one email may come from. */
  readonly identityArn: string;
  /** Holds the API's public base URL, the root of unsubscribe links. */
  readonly publicBaseUrl: IStringParameter;
}

/**
 * Every SNS topic, platform application and endpoint ARN, in any partition. Publishing to a
 * phone number is authorized against the number itself (e.g. `+84…`), never an ARN, so allowing
 * Publish on everything but these lets a function send SMS and nothing else.
 */
export const snsArns = 'arn:*:sns:*:*:*';

/**
 * Grants reading the account's SMS opt-out list (needs.smsOptOuts) and nothing else of SNS: the
 * daily sync lists it. CheckIfPhoneNumberIsOptedOut is not granted, since nothing calls it;
 * sending needs neither, as SNS refuses an opted-out number itself.
 */
export function useSmsOptOuts(fn: LambdaFunction): void {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['sns:ListPhoneNumbersOptedOut'], resources: ['*'] }),
  );
  if (fn.role) {
    acknowledgeWildcardResource(
      fn.role,
      '*',
      "sns:ListPhoneNumbersOptedOut has no resource type in the Service Authorization Reference, so IAM accepts only `*`; it only reads the account's SMS opt-out list.",
    );
  }
}

/**
 * Grants what `needs.sending` names and sets the variables that go with it. `email` may call
 * SES v2 SendEmail only from the shop's identity and through its configuration set (SES checks
 * SendEmail against both ARNs, so a send naming another identity or set is refused);
 * `sms` may publish to phone numbers only, never to a topic (reading the opt-out list is
 * needs.smsOptOuts, apart). Either may read the public base URL of unsubscribe links.
 */
export function useSending(
  fn: LambdaFunction,
  sending: SendingResources,
  needs: NonNullable<RouteNeeds['sending']>,
): void {
  if (needs.email) {
    fn.addEnvironment('SES_CONFIGURATION_SET', sending.configurationSetName);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [sending.identityArn, sending.configurationSetArn],
      }),
    );
  }
  if (needs.sms) {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], notResources: [snsArns] }));
  }
  if (needs.email || needs.sms) {
    fn.addEnvironment('PUBLIC_BASE_URL_PARAMETER', sending.publicBaseUrl.parameterName);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [sending.publicBaseUrl.parameterArn],
      }),
    );
  }
}

/**
 * Sets `SES_CONFIGURATION_SET` and grants turning its sending off (and on), on that one
 * configuration set: the pause that precedes SES's own review of the account.
 */
export function useEmailPause(fn: LambdaFunction, sending: SendingResources): void {
  fn.addEnvironment('SES_CONFIGURATION_SET', sending.configurationSetName);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:PutConfigurationSetSendingOptions'],
      resources: [sending.configurationSetArn],
    }),
  );
}
