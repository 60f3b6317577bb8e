import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHandlers } from '../../functions/events';
import { queues } from '../../functions/queues';
import { routes } from '../../functions/routes';
import { schedules } from '../../functions/schedules';
import { snsArns } from '../../infra/grants';
import { repoRoot } from '../../infra/paths';
import { createShopApp } from '../../infra/shop-app';
import type { ShopStacks } from '../../infra/shop-stacks';
import {
  declaredConsumer,
  declaredEventHandler,
  declaredRoute,
  declaredSchedule,
  describedFunction,
  functionStatements,
  onlyResource,
  type Resource,
} from './template-queries';

const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as {
  context?: object;
};

const outdirs: string[] = [];

/**
 * The CLI's app for a test shop, without bundling the handlers (shop-stack.test.ts checks the
 * bundles): these tests read only the templates, so they need not wait for esbuild.
 */
function synthShop(context: Record<string, unknown> = {}) {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'regulars-sending-'));
  outdirs.push(outdir);
  return createShopApp({
    outdir,
    context: {
      ...cdkJson.context,
      shopId: 'test-shop',
      senderIdentity: 'thao-moc.vn',
      'aws:cdk:bundling-stacks': [],
      ...context,
    },
  });
}

let stacks: ShopStacks;
let api: Template;

beforeAll(() => {
  ({ stacks } = synthShop({ alarmEmail: 'ops@thao-moc.vn' }));
  api = Template.fromStack(stacks.api);
});

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stacks.api.getLogicalId(construct.node.defaultChild as CfnElement);
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const ref = (id: string) => ({ Ref: id });

/** `arn:<partition>:ses:<region>:<account>:<resource>`, as Stack.formatArn renders it. */
const sesArn = (...resource: unknown[]) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ses:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ...resource,
    ],
  ],
});

const configurationSetId = () => logicalId(stacks.api.email.configurationSet);
const configurationSetArn = () => sesArn(':configuration-set/', ref(configurationSetId()));
const identityArn = sesArn(':identity/thao-moc.vn');
const feedbackTopicId = () => logicalId(stacks.api.email.feedbackTopic);
const alarmTopicId = () => logicalId(stacks.api.sendingAlarms.topic);

const sendJobs = queues.find((queue) => queue.name === 'sendJobs');
const dispatcher = () => {
  if (!sendJobs) throw new Error('No sendJobs queue in functions/queues.ts');
  return declaredConsumer(sendJobs);
};
const eventHandlerNamed = (name: string) => {
  const handler = eventHandlers.find((candidate) => candidate.name === name);
  if (!handler) throw new Error(`No event handler named ${name}`);
  return declaredEventHandler(handler);
};

const allFunctions = [
  ...routes.map(declaredRoute),
  ...queues.map(declaredConsumer),
  ...schedules.map(declaredSchedule),
  ...eventHandlers.map(declaredEventHandler),
];

describe('sending', () => {
  describe('send queue', () => {
    it('runs at most the declared number of dispatchers at once', () => {
      const worker = describedFunction(api, dispatcher().description);
      const { resource } = onlyResource(
        Template.fromJSON({
          Resources: api.findResources('AWS::Lambda::EventSourceMapping', {
            Properties: { FunctionName: ref(worker.id) },
          }),
        }),
        'AWS::Lambda::EventSourceMapping',
      );
      expect(sendJobs?.consumer.maxConcurrency).toBe(2);
      expect(resource.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 2 });
    });

    it('tells each dispatcher its declared rate, so the queue sends at most rate × concurrency', () => {
      const variables = describedFunction(api, dispatcher().description).properties.Environment
        ?.Variables;
      expect(sendJobs?.consumer.ratePerSecond).toBe(6);
      expect(variables?.SEND_RATE_PER_SECOND).toBe('6');
      // 12 messages a second for the whole queue (SES starts at 14), declared in queues.ts only.
      expect(
        (sendJobs?.consumer.ratePerSecond ?? 0) * (sendJobs?.consumer.maxConcurrency ?? 0),
      ).toBe(12);
    });

    it('lets the dispatcher forward an unbuildable job to its own dead-letter queue, and no other', () => {
      const jobQueue = stacks.api.jobQueues.get('sendJobs');
      if (!jobQueue) throw new Error('No sendJobs queue in the API stack');
      const deadLetterQueueId = logicalId(jobQueue.deadLetterQueue);
      const { description } = dispatcher();
      expect(sendJobs?.consumer.forwardsToDeadLetterQueue).toBe(true);
      expect(
        describedFunction(api, description).properties.Environment?.Variables
          ?.DEAD_LETTER_QUEUE_URL,
      ).toEqual(ref(deadLetterQueueId));
      expect(
        functionStatements(api, description).filter((statement) =>
          statement.Action.includes('sqs:SendMessage'),
        ),
      ).toEqual([
        {
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: [arnOf(logicalId(jobQueue.queue))],
        },
        { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [arnOf(deadLetterQueueId)] },
      ]);
    });

    it('gives no DLQ URL nor DLQ send to a consumer that does not declare forwarding', () => {
      for (const queue of queues.filter((q) => !q.consumer.forwardsToDeadLetterQueue)) {
        const jobQueue = stacks.api.jobQueues.get(queue.name);
        if (!jobQueue) throw new Error(`No ${queue.name} queue in the API stack`);
        const { description } = declaredConsumer(queue);
        expect(
          describedFunction(api, description).properties.Environment?.Variables
            ?.DEAD_LETTER_QUEUE_URL,
        ).toBeUndefined();
        expect(JSON.stringify(functionStatements(api, description))).not.toContain(
          logicalId(jobQueue.deadLetterQueue),
        );
      }
    });

    it('dead-letters a send job after its declared deliveries and tells the operator', () => {
      const jobQueue = stacks.api.jobQueues.get('sendJobs');
      if (!jobQueue) throw new Error('No sendJobs queue in the API stack');
      expect(
        api.findResources('AWS::SQS::Queue')[logicalId(jobQueue.queue)]?.Properties.RedrivePolicy,
      ).toEqual({
        deadLetterTargetArn: arnOf(logicalId(jobQueue.deadLetterQueue)),
        maxReceiveCount: sendJobs?.maxReceiveCount,
      });
      api.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `${stacks.api.stackName}-sendJobs-dead-letters`,
        AlarmActions: [ref(alarmTopicId())],
      });
    });
  });

  describe('permissions', () => {
    const statementsWith = (description: string, prefix: string) =>
      functionStatements(api, description).filter((statement) =>
        statement.Action.some((action) => action.startsWith(prefix)),
      );

    it('lets the dispatcher send email from the shop identity through its configuration set only', () => {
      expect(statementsWith(dispatcher().description, 'ses:')).toEqual([
        {
          Effect: 'Allow',
          Action: ['ses:SendEmail'],
          Resource: [identityArn, configurationSetArn()],
        },
      ]);
      const variables = describedFunction(api, dispatcher().description).properties.Environment
        ?.Variables;
      expect(variables?.SES_CONFIGURATION_SET).toEqual(ref(configurationSetId()));
    });

    it('lets the dispatcher publish SMS to phone numbers, never to a topic, and nothing else of SNS', () => {
      expect(statementsWith(dispatcher().description, 'sns:')).toEqual([
        { Effect: 'Allow', Action: ['sns:Publish'], Resource: [], NotResource: [snsArns] },
      ]);
      expect(snsArns).toBe('arn:*:sns:*:*:*');
    });

    it('grants no SNS or SES wildcard action and no unrestricted Publish to any role', () => {
      const statements = Object.values(api.findResources('AWS::IAM::Policy')).flatMap(
        (policy) =>
          (
            (policy as Resource).Properties.PolicyDocument as {
              Statement: { Action: string | string[]; Resource?: unknown }[];
            }
          ).Statement,
      );
      for (const statement of statements) {
        const actions = [statement.Action].flat();
        expect(actions.filter((action) => /^(sns|ses):.*\*/.test(action))).toEqual([]);
        if (actions.includes('sns:Publish')) expect(statement.Resource).toBeUndefined();
      }
    });

    it('lets only the functions that declare sending send', () => {
      const granted = (action: string) =>
        allFunctions
          .filter((fn) =>
            functionStatements(api, fn.description).some((s) => s.Action.includes(action)),
          )
          .map((fn) => fn.name)
          .sort();
      expect(granted('ses:SendEmail')).toEqual(
        allFunctions
          .filter((fn) => fn.needs.sending?.email)
          .map((fn) => fn.name)
          .sort(),
      );
      expect(granted('sns:Publish')).toEqual(
        allFunctions
          .filter((fn) => fn.needs.sending?.sms)
          .map((fn) => fn.name)
          .sort(),
      );
      expect(granted('ses:PutConfigurationSetSendingOptions')).toEqual(['pauseSending']);
    });

    it('lets the opt-out sync read the opt-out list and suppress addresses, and never send', () => {
      const sync = declaredSchedule(
        schedules.find((schedule) => schedule.name === 'syncSmsOptOuts') ??
          (() => {
            throw new Error('No syncSmsOptOuts schedule');
          })(),
      );
      expect(sync.needs.smsOptOuts).toBe('read');
      expect(sync.needs.sending).toBeUndefined();
      const statements = functionStatements(api, sync.description);
      expect(statementsWith(sync.description, 'sns:')).toEqual([
        {
          Effect: 'Allow',
          Action: ['sns:ListPhoneNumbersOptedOut'],
          Resource: ['*'],
        },
      ]);
      const actions = statements.flatMap((s) => s.Action);
      expect(actions).toEqual(
        expect.arrayContaining(['dynamodb:UpdateItem', 'secretsmanager:GetSecretValue']),
      );
      expect(actions).not.toContain('sns:Publish');
      expect(actions.filter((action) => /^(ses|ssm):/.test(action))).toEqual([]);
      const variables = describedFunction(api, sync.description).properties.Environment?.Variables;
      expect(variables?.PUBLIC_BASE_URL_PARAMETER).toBeUndefined();
    });

    it('lets only the functions that declare smsOptOuts read the opt-out list', () => {
      expect(
        allFunctions
          .filter((fn) =>
            functionStatements(api, fn.description).some((s) =>
              s.Action.includes('sns:ListPhoneNumbersOptedOut'),
            ),
          )
          .map((fn) => fn.name),
      ).toEqual(allFunctions.filter((fn) => fn.needs.smsOptOuts === 'read').map((fn) => fn.name));
    });
  });

  describe('public base URL parameter', () => {
    it('holds the HTTP API stage URL', () => {
      const { resource } = onlyResource(api, 'AWS::SSM::Parameter');
      expect(resource.Properties).toMatchObject({
        Type: 'String',
        Name: `/${stacks.api.stackName}/public-base-url`,
      });
      expect(resource.Properties.Value).toEqual(stacks.api.resolve(stacks.api.stage.url));
      expect(JSON.stringify(resource.Properties.Value)).toContain('.execute-api.');
    });

    it('is named to every sending function, which may read it and nothing else of SSM', () => {
      const { id } = onlyResource(api, 'AWS::SSM::Parameter');
      const { description } = dispatcher();
      const variables = describedFunction(api, description).properties.Environment?.Variables;
      expect(variables?.PUBLIC_BASE_URL_PARAMETER).toEqual(ref(id));
      const ssm = statementsWith(description, 'ssm:');
      expect(ssm).toHaveLength(1);
      expect(ssm[0]?.Action).toEqual(['ssm:GetParameter']);
      expect(JSON.stringify(ssm[0]?.Resource)).toContain(`{"Ref":"${id}"}`);
    });

    function statementsWith(description: string, prefix: string) {
      return functionStatements(api, description).filter((statement) =>
        statement.Action.some((action) => action.startsWith(prefix)),
      );
    }
  });

  describe('SES configuration set', () => {
    it('publishes reputation metrics, sends, and keeps the account suppression list on', () => {
      const { resource } = onlyResource(api, 'AWS::SES::ConfigurationSet');
      expect(resource.Properties).toMatchObject({
        ReputationOptions: { ReputationMetricsEnabled: true },
        SendingOptions: { SendingEnabled: true },
        SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      });
    });

    it('publishes bounces, complaints and deliveries, and nothing else, to the feedback topic', () => {
      const { resource } = onlyResource(api, 'AWS::SES::ConfigurationSetEventDestination');
      expect(resource.Properties).toEqual({
        ConfigurationSetName: ref(configurationSetId()),
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['bounce', 'complaint', 'delivery'],
          SnsDestination: { TopicARN: ref(feedbackTopicId()) },
        },
      });
    });

    it('lets SES publish to the feedback topic for this configuration set only', () => {
      api.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [ref(feedbackTopicId())],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Action: 'sns:Publish',
              Principal: { Service: 'ses.amazonaws.com' },
              Condition: {
                StringEquals: {
                  'AWS:SourceAccount': ref('AWS::AccountId'),
                  'AWS:SourceArn': configurationSetArn(),
                },
              },
            }),
          ]),
        },
      });
    });
  });

  describe('topics', () => {
    it('encrypts both topics with the rotated stack key and refuses plain-text requests', () => {
      const { id: keyId, resource: key } = onlyResource(api, 'AWS::KMS::Key');
      expect(key.Properties.EnableKeyRotation).toBe(true);
      for (const topicId of [feedbackTopicId(), alarmTopicId()]) {
        expect(api.findResources('AWS::SNS::Topic')[topicId]?.Properties.KmsMasterKeyId).toEqual(
          arnOf(keyId),
        );
        api.hasResourceProperties('AWS::SNS::TopicPolicy', {
          Topics: [ref(topicId)],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        });
      }
      api.resourceCountIs('AWS::SNS::Topic', 2);
    });

    it('lets only SES and CloudWatch of this account use the key, to publish', () => {
      const { resource } = onlyResource(api, 'AWS::KMS::Key');
      const { Statement } = resource.Properties.KeyPolicy as { Statement: unknown[] };
      expect(Statement).toContainEqual({
        Sid: 'AllowServicesToPublishToEncryptedTopics',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Principal: { Service: ['ses.amazonaws.com', 'cloudwatch.amazonaws.com'] },
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
      });
    });
  });

  describe.each(eventHandlers)('$name event handler', (handler) => {
    const subscriber = () => {
      const found = stacks.api.eventSubscribers.get(handler.name);
      if (!found) throw new Error(`No subscriber for ${handler.name}`);
      return found;
    };
    const fnId = () => describedFunction(api, eventHandlerNamed(handler.name).description).id;
    const topicId = () => (handler.source === 'sesFeedback' ? feedbackTopicId() : alarmTopicId());

    it('is subscribed to its topic, undeliverable events going to its dead-letter queue', () => {
      api.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        Endpoint: arnOf(fnId()),
        TopicArn: ref(topicId()),
        RedrivePolicy: { deadLetterTargetArn: arnOf(logicalId(subscriber().deadLetterQueue)) },
      });
    });

    it('retries a failed run twice, then keeps the event in the same dead-letter queue', () => {
      api.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(fnId()),
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: { Destination: arnOf(logicalId(subscriber().deadLetterQueue)) },
        },
      });
    });

    it('raises an alarm to the operator as soon as an event is dead', () => {
      api.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `${stacks.api.stackName}-${handler.name}-dead-letters`,
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 1,
        AlarmActions: [ref(alarmTopicId())],
      });
    });
  });

  describe('pauseSending', () => {
    it('receives only the reputation alarms entering ALARM', () => {
      const { description } = eventHandlerNamed('pauseSending');
      api.hasResourceProperties('AWS::SNS::Subscription', {
        Endpoint: arnOf(describedFunction(api, description).id),
        FilterPolicyScope: 'MessageBody',
        FilterPolicy: {
          AlarmName: [
            ref(logicalId(stacks.api.sendingAlarms.bounceRate)),
            ref(logicalId(stacks.api.sendingAlarms.complaintRate)),
          ],
          NewStateValue: ['ALARM'],
        },
      });
    });

    it('may turn sending off on the shop configuration set and nothing else of SES', () => {
      const { description } = eventHandlerNamed('pauseSending');
      expect(
        functionStatements(api, description).filter((s) =>
          s.Action.some((action) => action.startsWith('ses:')),
        ),
      ).toEqual([
        {
          Effect: 'Allow',
          Action: ['ses:PutConfigurationSetSendingOptions'],
          Resource: [configurationSetArn()],
        },
      ]);
      const variables = describedFunction(api, description).properties.Environment?.Variables;
      expect(variables?.SES_CONFIGURATION_SET).toEqual(ref(configurationSetId()));
    });
  });

  describe('alarms', () => {
    const alarmNamed = (suffix: string): Resource => {
      const name = `${stacks.api.stackName}-${suffix}`;
      const found = Object.values(api.findResources('AWS::CloudWatch::Alarm')).find(
        (alarm) => (alarm as Resource).Properties.AlarmName === name,
      );
      if (!found) throw new Error(`No alarm named ${name}`);
      return found as Resource;
    };

    it.each([
      ['ses-bounce-rate', 'Reputation.BounceRate', 0.025],
      ['ses-complaint-rate', 'Reputation.ComplaintRate', 0.0005],
    ])(
      'raises %s on the account metric %s at %s, half the SES review rate',
      (suffix, metric, threshold) => {
        expect(alarmNamed(suffix).Properties).toMatchObject({
          Namespace: 'AWS/SES',
          MetricName: metric,
          Threshold: threshold,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [ref(alarmTopicId())],
          TreatMissingData: 'ignore',
        });
        // Account level: no dimension.
        expect(alarmNamed(suffix).Properties.Dimensions).toBeUndefined();
      },
    );

    it('raises the SMS spend alarm at 0.8 USD by default, below the 1 USD default limit', () => {
      expect(alarmNamed('sms-month-to-date-spend').Properties).toMatchObject({
        Namespace: 'AWS/SNS',
        MetricName: 'SMSMonthToDateSpentUSD',
        Threshold: 0.8,
        AlarmActions: [ref(alarmTopicId())],
      });
    });

    it('raises messages-unknown on any unknown outcome the send worker counts in an hour', () => {
      expect(alarmNamed('messages-unknown').Properties).toMatchObject({
        Namespace: 'Regulars',
        MetricName: 'MessagesUnknown',
        Dimensions: [{ Name: 'service', Value: 'regulars' }],
        Statistic: 'Sum',
        Period: 3600,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [ref(alarmTopicId())],
      });
    });

    it('takes the SMS spend threshold and the alarm email from the context', () => {
      const other = Template.fromStack(
        synthShop({ smsSpendAlarmUsd: '4.5', alarmEmail: undefined }).stacks.api,
      );
      other.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'SMSMonthToDateSpentUSD',
        Threshold: 4.5,
      });
      expect(
        Object.values(other.findResources('AWS::SNS::Subscription')).filter(
          (subscription) => (subscription as Resource).Properties.Protocol === 'email',
        ),
      ).toEqual([]);
    });

    it('emails the operator every alarm when an alarm email is given', () => {
      api.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'ops@thao-moc.vn',
        TopicArn: ref(alarmTopicId()),
      });
      for (const alarm of Object.values(api.findResources('AWS::CloudWatch::Alarm'))) {
        expect((alarm as Resource).Properties.AlarmActions).toEqual([ref(alarmTopicId())]);
      }
    });
  });

  describe('context', () => {
    it('refuses to synthesize without a sender identity, saying how to pass one', () => {
      expect(() => synthShop({ senderIdentity: undefined })).toThrow(
        /senderIdentity` is missing: pass -c senderIdentity=/,
      );
    });

    it.each(['not a domain', 'shop', '@shop.vn'])('refuses %j as a sender identity', (value) => {
      expect(() => synthShop({ senderIdentity: value })).toThrow(/senderIdentity` must be/);
    });

    it('accepts a single verified address as the identity', () => {
      const other = Template.fromStack(
        synthShop({ senderIdentity: 'Shop@Thao-Moc.vn' }).stacks.api,
      );
      expect(JSON.stringify(other.toJSON())).toContain(':identity/shop@thao-moc.vn');
    });

    it('refuses a spend threshold that is not a positive number', () => {
      expect(() => synthShop({ smsSpendAlarmUsd: '-1' })).toThrow(/smsSpendAlarmUsd/);
    });
  });

  it('leaves cdk-nag nothing to report in the API stack', () => {
    expect(new AwsSolutionsChecks().validateScope(stacks.api).violations).toEqual([]);
  });
});
