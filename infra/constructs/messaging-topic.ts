import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/** The AWS services that publish to the stack's topics: SES (events) and CloudWatch (alarms). */
const publishers = ['ses.amazonaws.com', 'cloudwatch.amazonaws.com'] as const;

/**
 * The customer-managed key of the stack's SNS topics. Not the AWS-managed `alias/aws/sns`: its
 * key policy cannot be changed, so neither SES nor CloudWatch could publish to a topic it
 * encrypts. Bounce and complaint events carry recipients' addresses, hence encryption at rest.
 * Only this account's SES and CloudWatch may use it, and only to publish (encrypt a data key,
 * decrypt it for the subscriber's delivery). The key holds nothing: the topics keep no messages
 * once delivered, so it goes with the stack after KMS's shortest waiting period.
 */
export function createMessagingKey(scope: Construct, id: string): Key {
  const key = new Key(scope, id, {
    description: `Encrypts the SNS topics of ${Stack.of(scope).stackName} (SES events, alarms)`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowServicesToPublishToEncryptedTopics',
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      principals: publishers.map((service) => new ServicePrincipal(service)),
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  return key;
}

/** A topic encrypted with `key` whose policy refuses every request that does not use TLS. */
export function createMessagingTopic(
  scope: Construct,
  id: string,
  props: { key: Key; displayName: string },
): Topic {
  return new Topic(scope, id, {
    displayName: props.displayName,
    masterKey: props.key,
    enforceSSL: true,
  });
}
