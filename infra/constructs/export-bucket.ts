import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  TargetObjectKeyFormat,
} from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

/**
 * Where customer-file exports are written before the owner downloads them through a presigned
 * URL, plus the access-log bucket that records each download.
 */
export class ExportBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Log delivery by bucket policy, not by the legacy LogDeliveryWrite ACL, so both buckets can
    // disable ACLs. Set here so it holds whatever feature flags the app was given.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    // A presigned URL is a bearer token for the whole customer file: the access log is the only
    // record of who used it and from where. Logs carry IP addresses, so they expire too.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // S3 server access logging can only deliver to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      // Audit records of past downloads should outlive the stack that made them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the target of the export bucket’s server access logs; logging it into itself would loop, and only the S3 logging service writes to it.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // SSE-S3, not KMS: whoever holds a presigned URL reads plaintext anyway, so a KMS key
      // would add a per-request charge and a key grant without narrowing who can read.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'exports/',
      targetObjectKeyFormat: TargetObjectKeyFormat.simplePrefix(),
      lifecycleRules: [
        // An export is fetched within minutes; one day (S3's shortest) bounds how long a copy of
        // the customer file lies around. Interrupted multipart uploads go the same way.
        { expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Nothing here is worth keeping, so no orphaned bucket after the stack goes. Without
      // auto-delete (which needs a custom-resource Lambda) CloudFormation refuses to delete a
      // bucket that still holds an export younger than a day: that failure is safe, and a retry
      // a day later succeeds.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
