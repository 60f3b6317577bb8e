import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHandlers } from '../../functions/events';
import { queues, type QueueName } from '../../functions/queues';
import { routes } from '../../functions/routes';
import { schedules } from '../../functions/schedules';
import { repoRoot } from '../../infra/paths';
import { createShopApp } from '../../infra/shop-app';
import type { ShopStacks } from '../../infra/shop-stacks';
import { globalIndexes, shopTable } from '../../shared/adapters/dynamodb/table-definition';
import {
  declaredConsumer,
  declaredEventHandler,
  declaredRoute,
  declaredSchedule,
  describedFunction,
  functionActions,
  functionStatements,
  functionVariables,
  onlyResource,
  roleStatements,
  routeFunction,
  type Resource,
} from './template-queries';

/** What every function that uses the table may do: read items by key, in batches, by query. */
const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

/** Added for `readWrite`; transactions are checked item by item against these. */
const tableItemWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/** Every DynamoDB action that writes, granted or not: none of them may reach a reader. */
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:TransactWriteItems',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

/**
 * Every function the declarations ask for: one per route, per queue's consumer, per schedule,
 * per event handler.
 */
const declaredFunctions = [
  ...routes.map(declaredRoute),
  ...queues.map(declaredConsumer),
  ...schedules.map(declaredSchedule),
  ...eventHandlers.map(declaredEventHandler),
];

const routeNamed = (name: string) => {
  const route = routes.find((candidate) => candidate.name === name);
  if (!route) throw new Error(`No route named ${name}`);
  return declaredRoute(route);
};

const scheduleNamed = (name: string) => {
  const schedule = schedules.find((candidate) => candidate.name === name);
  if (!schedule) throw new Error(`No schedule named ${name}`);
  return schedule;
};

let outdir: string;
let assemblyDir: string;
let stacks: ShopStacks;
let data: Template;
let api: Template;

// Synthesized once: bundling a dozen functions takes seconds. This is the app `cdk synth` runs,
// cdk-nag included, so an unacknowledged nag error fails here with cdk-nag's report; the nag
// tests below also catch warnings, which do not fail synthesis.
beforeAll(() => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'regulars-cdk-'));
  // cdk.json's context (feature flags included) as the CLI would pass it, with a test shop.
  const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as {
    context?: object;
  };
  const shop = createShopApp({
    outdir,
    context: { ...cdkJson.context, shopId: 'test-shop', senderIdentity: 'test-shop.example' },
  });
  stacks = shop.stacks;
  assemblyDir = shop.app.synth().directory;
  data = Template.fromStack(stacks.data);
  api = Template.fromStack(stacks.api);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

/** The logical id of a queue of the API stack, made from functions/queues.ts. */
function queueId(name: QueueName, which: 'queue' | 'deadLetterQueue' = 'queue'): string {
  const jobQueue = stacks.api.jobQueues.get(name);
  if (!jobQueue) throw new Error(`No ${name} queue in the API stack`);
  const queue: IQueue = jobQueue[which];
  return stacks.api.getLogicalId(queue.node.defaultChild as CfnElement);
}

/** A schedule of the API stack, made from functions/schedules.ts, with its parts' logical ids. */
function scheduledJob(name: string): {
  scheduleId: string;
  deadLetterQueueId: string;
  roleId: string;
} {
  const job = stacks.api.scheduledJobs.get(name);
  if (!job) throw new Error(`No ${name} schedule in the API stack`);
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stacks.api.getLogicalId(construct.node.defaultChild as CfnElement);
  return {
    scheduleId: logicalId(job.schedule),
    deadLetterQueueId: logicalId(job.deadLetterQueue),
    roleId: logicalId(job.role),
  };
}

/** The logical id of the dead-letter queue of an event handler's subscription. */
function subscriberDeadLetterQueueId(name: string): string {
  const subscriber = stacks.api.eventSubscribers.get(name);
  if (!subscriber) throw new Error(`No ${name} event handler in the API stack`);
  return stacks.api.getLogicalId(subscriber.deadLetterQueue.node.defaultChild as CfnElement);
}

const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

describe('shop stacks', () => {
  describe('table', () => {
    it('takes its keys and indexes from the shared table definition', () => {
      data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: shopTable.partitionKey, KeyType: 'HASH' },
          { AttributeName: shopTable.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: globalIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: index.projection },
        })),
      });
    });

    it('projects every attribute into customerList and only the keys into dueForWinBack', () => {
      const { resource } = onlyResource(data, 'AWS::DynamoDB::GlobalTable');
      const indexes = resource.Properties.GlobalSecondaryIndexes as {
        IndexName: string;
        Projection: { ProjectionType: string };
      }[];
      expect(
        Object.fromEntries(indexes.map((index) => [index.IndexName, index.Projection])),
      ).toEqual({
        [shopTable.customerList.indexName]: { ProjectionType: 'ALL' },
        [shopTable.dueForWinBack.indexName]: { ProjectionType: 'KEYS_ONLY' },
      });
    });

    it('expires items by their ttl attribute', () => {
      expect(shopTable.timeToLiveAttribute).toBe('ttl');
      data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TimeToLiveSpecification: { AttributeName: shopTable.timeToLiveAttribute, Enabled: true },
      });
    });

    it('bills per request, keeps point-in-time recovery and refuses deletion', () => {
      data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      });
    });

    it('encrypts with the AWS-managed KMS key', () => {
      const { resource } = onlyResource(data, 'AWS::DynamoDB::GlobalTable');
      expect(resource.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    });

    it('is retained when the stack is deleted', () => {
      data.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });
  });

  describe('address-hash secret', () => {
    it('generates a 64-character key and is retained when the stack is deleted', () => {
      data.hasResource('AWS::SecretsManager::Secret', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
        }),
      });
    });

    it('never rotates, so hashes made with it keep matching', () => {
      data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    });
  });

  describe('export bucket', () => {
    const exportBucket = (): Resource =>
      Object.values(data.findResources('AWS::S3::Bucket')).find(
        (bucket) => (bucket as Resource).Properties.LoggingConfiguration !== undefined,
      ) as Resource;

    it('blocks public access and encrypts at rest', () => {
      expect(exportBucket().Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
      });
    });

    it('expires exports and abandoned uploads after one day', () => {
      expect(exportBucket().Properties.LifecycleConfiguration).toEqual({
        Rules: [
          {
            ExpirationInDays: 1,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: 'Enabled',
          },
        ],
      });
    });

    it('refuses every request that does not use TLS, on both buckets', () => {
      const policies = Object.values(data.findResources('AWS::S3::BucketPolicy'));
      expect(policies).toHaveLength(2);
      for (const policy of policies) {
        expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
      }
    });

    it('logs each download to an access-log bucket that outlives the stack', () => {
      const logging = exportBucket().Properties.LoggingConfiguration as {
        DestinationBucketName: { Ref: string };
      };
      const logBucket = data.findResources('AWS::S3::Bucket')[logging.DestinationBucketName.Ref];
      expect(logBucket).toMatchObject({ DeletionPolicy: 'Retain' });
    });
  });

  describe('owner user pool', () => {
    it('requires TOTP and lets only the operator create users', () => {
      data.hasResourceProperties('AWS::Cognito::UserPool', {
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        UserPoolTier: 'PLUS',
      });
    });

    it('is retained when the stack is deleted', () => {
      data.hasResource('AWS::Cognito::UserPool', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
      });
    });

    it('gives the owner app a client without secret that signs in with SRP', () => {
      data.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      });
    });

    it('keeps the data stack safe from an accidental delete', () => {
      expect(stacks.data.terminationProtection).toBe(true);
    });
  });

  describe('functions', () => {
    const functions = (): Resource[] =>
      Object.values(api.findResources('AWS::Lambda::Function')) as Resource[];

    it('makes one function per route, queue consumer, schedule and event handler', () => {
      expect(functions()).toHaveLength(
        routes.length + queues.length + schedules.length + eventHandlers.length,
      );
    });

    it('runs every function on Node 24 arm64, logging to a group kept for a month', () => {
      const logGroups = api.findResources('AWS::Logs::LogGroup');
      for (const fn of functions()) {
        expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
        const logGroupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup
          .Ref;
        expect(logGroups[logGroupId]?.Properties).toMatchObject({ RetentionInDays: 30 });
      }
    });

    it('turns source maps on and configures Powertools in every function', () => {
      for (const fn of functions()) {
        expect(fn.Properties).toMatchObject({
          MemorySize: 512,
          Environment: {
            Variables: {
              NODE_OPTIONS: '--enable-source-maps',
              POWERTOOLS_SERVICE_NAME: 'regulars',
              POWERTOOLS_LOG_LEVEL: 'INFO',
            },
          },
        });
      }
    });

    it.each(declaredFunctions)(
      'gives $name the timeout it declares, 10 s when it declares none',
      (fn) => {
        expect(describedFunction(api, fn.description).properties.Timeout).toBe(
          fn.timeoutSeconds ?? 10,
        );
      },
    );

    it("gives the export worker Lambda's full fifteen minutes", () => {
      const exportJobs = queues.find((queue) => queue.name === 'exportJobs');
      if (!exportJobs) throw new Error('No exportJobs queue in functions/queues.ts');
      const worker = declaredConsumer(exportJobs);
      expect(describedFunction(api, worker.description).properties.Timeout).toBe(900);
    });

    it('bundles each handler as minified ESM with a source map and the AWS SDK inside', () => {
      for (const fn of functions()) {
        const key = (fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
        const assetDir = path.join(assemblyDir, `asset.${key}`);
        expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
        const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
        expect(code.startsWith('import { createRequire as')).toBe(true);
        expect(code).not.toMatch(/(from|import\()\s*["']@aws-sdk\//);
      }
    });
  });

  describe('permissions', () => {
    it.each(declaredFunctions)('grants $name exactly what it declares it needs', (fn) => {
      const actions = functionActions(api, fn.description);
      const variables = functionVariables(api, fn.description);
      const { needs } = fn;

      const table = needs.table;
      const dynamoActions = actions.filter((action) => action.startsWith('dynamodb:')).sort();
      expect(dynamoActions).toEqual(
        table
          ? [
              ...tableReadActions,
              ...(table.access === 'readWrite' ? tableItemWriteActions : []),
              ...(table.scan ? ['dynamodb:Scan'] : []),
              ...(table.access === 'readWrite' && table.batchWrite
                ? ['dynamodb:BatchWriteItem']
                : []),
            ].sort()
          : [],
      );
      expect(variables.includes('TABLE_NAME')).toBe(!!table);

      expect(actions.includes('secretsmanager:GetSecretValue')).toBe(!!needs.addressHashing);
      expect(variables.includes('ADDRESS_HASH_SECRET_ARN')).toBe(!!needs.addressHashing);

      const s3Actions = actions.filter((action) => action.startsWith('s3:')).sort();
      expect(s3Actions).toEqual(
        {
          none: [],
          read: ['s3:GetObject'],
          write: ['s3:AbortMultipartUpload', 's3:PutObject'],
        }[needs.exportBucket ?? 'none'],
      );
      expect(variables.includes('EXPORT_BUCKET')).toBe(!!needs.exportBucket);

      // A scheduled function or an event handler also sends its own failed runs to its
      // dead-letter queue; a consumer that forwards to its dead-letter queue, to that one.
      const forwardsFrom = queues.find(
        (queue) => queue.consumer.name === fn.name && queue.consumer.forwardsToDeadLetterQueue,
      );
      const failedRunsTo = schedules.some((schedule) => schedule.name === fn.name)
        ? [arnOf(scheduledJob(fn.name).deadLetterQueueId)]
        : eventHandlers.some((handler) => handler.name === fn.name)
          ? [arnOf(subscriberDeadLetterQueueId(fn.name))]
          : forwardsFrom
            ? [arnOf(queueId(forwardsFrom.name, 'deadLetterQueue'))]
            : [];
      const sendsTo = functionStatements(api, fn.description)
        .filter((statement) => statement.Action.includes('sqs:SendMessage'))
        .flatMap((statement) => statement.Resource);
      expect(sendsTo).toEqual([
        ...(needs.queues ?? []).map((name) => arnOf(queueId(name))),
        ...failedRunsTo,
      ]);
      for (const queue of queues) {
        expect(variables.includes(queue.urlVariable)).toBe(!!needs.queues?.includes(queue.name));
      }
      expect(variables.includes('DEAD_LETTER_QUEUE_URL')).toBe(!!forwardsFrom);

      const sending = needs.sending ?? {};
      const pausesEmail = !!eventHandlers.find((handler) => handler.name === fn.name)?.pausesEmail;
      expect(actions.includes('ses:SendEmail')).toBe(!!sending.email);
      expect(variables.includes('SES_CONFIGURATION_SET')).toBe(!!sending.email || pausesEmail);
      expect(actions.includes('ses:PutConfigurationSetSendingOptions')).toBe(pausesEmail);
      expect(actions.includes('sns:Publish')).toBe(!!sending.sms);
      expect(actions.includes('sns:ListPhoneNumbersOptedOut')).toBe(needs.smsOptOuts === 'read');
      expect(actions.includes('ssm:GetParameter')).toBe(!!(sending.email || sending.sms));
      expect(variables.includes('PUBLIC_BASE_URL_PARAMETER')).toBe(
        !!(sending.email || sending.sms),
      );
    });

    it.each(declaredFunctions.filter((fn) => fn.needs.table?.access === 'read'))(
      'grants no write action to $name, which only reads',
      (fn) => {
        const actions = functionActions(api, fn.description);
        expect(actions).toContain('dynamodb:Query');
        for (const action of tableWriteActions) expect(actions).not.toContain(action);
      },
    );

    const functionsGranted = (action: string) =>
      declaredFunctions
        .filter((fn) => functionActions(api, fn.description).includes(action))
        .map((fn) => fn.name);

    it('lets only the functions that read every customer scan the table', () => {
      // The export, a campaign's fan-out and its audience estimate; nothing a single message does.
      expect(functionsGranted('dynamodb:Scan').sort()).toEqual(
        ['estimateCampaign', 'fanOutCampaign', 'runExport'].sort(),
      );
    });

    it('lets only eraseCustomer write items in batches', () => {
      expect(functionsGranted('dynamodb:BatchWriteItem')).toEqual(['eraseCustomer']);
    });

    it('lets requestExport send to the export queue and do nothing else with SQS', () => {
      const { description } = routeNamed('requestExport');
      const sqsStatements = functionStatements(api, description).filter((statement) =>
        statement.Action.some((action) => action.startsWith('sqs:')),
      );
      expect(sqsStatements).toEqual([
        { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [arnOf(queueId('exportJobs'))] },
      ]);
      const variables = describedFunction(api, description).properties.Environment?.Variables;
      expect(variables?.EXPORT_QUEUE_URL).toEqual({ Ref: queueId('exportJobs') });
    });

    it('lets getExport read export files, to presign downloads, but never write one', () => {
      const actions = functionActions(api, routeNamed('getExport').description);
      expect(actions).toContain('s3:GetObject');
      expect(actions).not.toContain('s3:PutObject');
      expect(actions).not.toContain('s3:AbortMultipartUpload');
      expect(actions).not.toContain('s3:DeleteObject');
    });

    it('attaches no AWS managed policy to any role', () => {
      for (const role of Object.values(api.findResources('AWS::IAM::Role'))) {
        expect((role as Resource).Properties.ManagedPolicyArns).toBeUndefined();
      }
    });
  });

  describe('job queues', () => {
    const queueResources = () => api.findResources('AWS::SQS::Queue');

    it('makes one queue and one dead-letter queue per job queue, one dead-letter queue per schedule and per event handler', () => {
      expect(Object.keys(queueResources())).toHaveLength(
        2 * queues.length + schedules.length + eventHandlers.length,
      );
    });

    it.each(queues)(
      'moves a $name message to its dead-letter queue after $maxReceiveCount deliveries',
      (queue) => {
        expect(queueResources()[queueId(queue.name)]?.Properties.RedrivePolicy).toEqual({
          deadLetterTargetArn: arnOf(queueId(queue.name, 'deadLetterQueue')),
          maxReceiveCount: queue.maxReceiveCount,
        });
      },
    );

    it.each(queues)(
      'hides each $name message for six times as long as its consumer may run',
      (queue) => {
        const visibility = queueResources()[queueId(queue.name)]?.Properties.VisibilityTimeout;
        expect(visibility).toBeGreaterThanOrEqual(queue.consumer.timeoutSeconds);
        expect(visibility).toBe(6 * queue.consumer.timeoutSeconds);
      },
    );

    it.each(queues)('keeps dead $name messages for 14 days, the most SQS allows', (queue) => {
      const deadLetterQueue = queueResources()[queueId(queue.name, 'deadLetterQueue')];
      expect(deadLetterQueue?.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    });

    it('encrypts every queue at rest with SQS-managed keys', () => {
      for (const queue of Object.values(queueResources())) {
        expect((queue as Resource).Properties.SqsManagedSseEnabled).toBe(true);
      }
    });

    it('refuses every request that does not use TLS, on every queue', () => {
      const policies = Object.values(api.findResources('AWS::SQS::QueuePolicy')) as Resource[];
      const guarded = policies.flatMap((policy) => {
        const { Statement } = policy.Properties.PolicyDocument as { Statement: unknown[] };
        const deniesPlainText = Statement.some(
          (statement) =>
            JSON.stringify(statement).includes('"aws:SecureTransport":"false"') &&
            (statement as { Effect: string }).Effect === 'Deny',
        );
        return deniesPlainText ? (policy.Properties.Queues as { Ref: string }[]) : [];
      });
      const queueRefs = Object.keys(queueResources()).map((id) => ({ Ref: id }));
      expect(guarded).toEqual(expect.arrayContaining(queueRefs));
      expect(guarded).toHaveLength(queueRefs.length);
    });

    it.each(queues)(
      'runs $consumer.name on Node 24 arm64, fed $consumer.batchSize at a time, reporting failures one by one',
      (queue) => {
        const worker = describedFunction(api, declaredConsumer(queue).description);
        expect(worker.properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
        });
        const mappings = Object.values(
          api.findResources('AWS::Lambda::EventSourceMapping', {
            Properties: { FunctionName: { Ref: worker.id } },
          }),
        ) as Resource[];
        expect(mappings).toHaveLength(1);
        expect(mappings[0]?.Properties).toMatchObject({
          EventSourceArn: arnOf(queueId(queue.name)),
          BatchSize: queue.consumer.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
        // At most maxConcurrency consumers when declared; Lambda's own scaling otherwise.
        expect(mappings[0]?.Properties.ScalingConfig).toEqual(
          queue.consumer.maxConcurrency === undefined
            ? undefined
            : { MaximumConcurrency: queue.consumer.maxConcurrency },
        );
      },
    );

    it.each(queues)('lets $consumer.name take messages from its own queue only', (queue) => {
      const { description } = declaredConsumer(queue);
      const receiving = functionStatements(api, description).filter((statement) =>
        statement.Action.some(
          (action) => action.startsWith('sqs:') && action !== 'sqs:SendMessage',
        ),
      );
      expect(receiving.flatMap((statement) => statement.Action)).toContain('sqs:ReceiveMessage');
      for (const statement of receiving) {
        expect(statement.Resource).toEqual([arnOf(queueId(queue.name))]);
      }
    });

    it.each(queues)('raises a named alarm as soon as a $name message is dead', (queue) => {
      api.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: Match.stringLikeRegexp(`-${queue.name}-dead-letters$`),
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [queueId(queue.name, 'deadLetterQueue'), 'QueueName'] },
          },
        ],
        Statistic: 'Maximum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
    });

    it('names each alarm after its stack, so shops sharing an account do not collide', () => {
      const alarms = Object.values(api.findResources('AWS::CloudWatch::Alarm')) as Resource[];
      expect(alarms.map((alarm) => alarm.Properties.AlarmName).sort()).toEqual(
        [
          ...[...queues, ...schedules, ...eventHandlers].map(({ name }) => `${name}-dead-letters`),
          'ses-bounce-rate',
          'ses-complaint-rate',
          'sms-month-to-date-spend',
          'messages-unknown',
        ]
          .map((name) => `${stacks.api.stackName}-${name}`)
          .sort(),
      );
    });
  });

  describe('schedules', () => {
    const scheduleResource = (name: string): Resource => {
      const resource = api.findResources('AWS::Scheduler::Schedule')[scheduledJob(name).scheduleId];
      if (!resource) throw new Error(`No schedule resource for ${name}`);
      return resource as Resource;
    };
    const scheduledFunctionId = (name: string) =>
      describedFunction(api, declaredSchedule(scheduleNamed(name)).description).id;

    it('makes one schedule per entry in functions/schedules.ts and no other', () => {
      api.resourceCountIs('AWS::Scheduler::Schedule', schedules.length);
    });

    it.each(schedules)(
      'runs $name at $expression in $timeZone, at the minute, not in a flexible window',
      (schedule) => {
        expect(scheduleResource(schedule.name).Properties).toMatchObject({
          ScheduleExpression: schedule.expression,
          ScheduleExpressionTimezone: schedule.timeZone,
          FlexibleTimeWindow: { Mode: 'OFF' },
          State: 'ENABLED',
        });
      },
    );

    it.each(schedules)('invokes the $name function and nothing else', (schedule) => {
      const { Target } = scheduleResource(schedule.name).Properties as { Target: { Arn: unknown } };
      expect(Target.Arn).toEqual(arnOf(scheduledFunctionId(schedule.name)));
    });

    it.each(schedules)(
      'retries handing $name over twice within an hour, then sends it to its dead-letter queue',
      (schedule) => {
        const { deadLetterQueueId, roleId } = scheduledJob(schedule.name);
        expect(scheduleResource(schedule.name).Properties.Target).toEqual({
          Arn: arnOf(scheduledFunctionId(schedule.name)),
          RoleArn: arnOf(roleId),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: arnOf(deadLetterQueueId) },
        });
      },
    );

    it.each(schedules)(
      'retries a failed $name run twice, then keeps it in the same dead-letter queue',
      (schedule) => {
        api.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: scheduledFunctionId(schedule.name) },
          Qualifier: '$LATEST',
          MaximumRetryAttempts: 2,
          DestinationConfig: {
            OnFailure: { Destination: arnOf(scheduledJob(schedule.name).deadLetterQueueId) },
          },
        });
      },
    );

    it.each(schedules)(
      "lets the scheduler's role for $name invoke that one function and report to its dead-letter queue, nothing else",
      (schedule) => {
        const { deadLetterQueueId, roleId } = scheduledJob(schedule.name);
        const fnArn = arnOf(scheduledFunctionId(schedule.name));
        expect(roleStatements(api, roleId)).toEqual([
          {
            Effect: 'Allow',
            Action: ['lambda:InvokeFunction'],
            // The function and its versions and aliases: the same one function.
            Resource: [fnArn, { 'Fn::Join': ['', [fnArn, ':*']] }],
          },
          { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [arnOf(deadLetterQueueId)] },
        ]);
        // No other policy in the stack names the role.
        const role = api.findResources('AWS::IAM::Role')[roleId] as Resource;
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
        expect(role.Properties.Policies).toBeUndefined();
      },
    );

    it.each(schedules)(
      "lets only the scheduler, for this account's schedules, assume $name's role",
      (schedule) => {
        const role = api.findResources('AWS::IAM::Role')[
          scheduledJob(schedule.name).roleId
        ] as Resource;
        expect(role.Properties.AssumeRolePolicyDocument).toMatchObject({
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: {
                StringEquals: {
                  'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                  // Schedules of the default group of this account and region.
                  'aws:SourceArn': {
                    'Fn::Join': [
                      '',
                      [
                        'arn:',
                        { Ref: 'AWS::Partition' },
                        ':scheduler:',
                        { Ref: 'AWS::Region' },
                        ':',
                        { Ref: 'AWS::AccountId' },
                        ':schedule-group/default',
                      ],
                    ],
                  },
                },
              },
            },
          ],
        });
      },
    );

    it.each(schedules)(
      'keeps failed $name runs 14 days, encrypted, TLS only, and raises an alarm on the first',
      (schedule) => {
        const { deadLetterQueueId } = scheduledJob(schedule.name);
        expect(api.findResources('AWS::SQS::Queue')[deadLetterQueueId]?.Properties).toEqual(
          expect.objectContaining({
            MessageRetentionPeriod: 14 * 24 * 60 * 60,
            SqsManagedSseEnabled: true,
          }),
        );
        api.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: deadLetterQueueId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        });
        api.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmName: `${stacks.api.stackName}-${schedule.name}-dead-letters`,
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [
            { Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterQueueId, 'QueueName'] } },
          ],
          Statistic: 'Maximum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
        });
      },
    );

    describe('refitLapseModel', () => {
      const refit = () => declaredSchedule(scheduleNamed('refitLapseModel'));

      it("runs on Node 24 arm64 with Lambda's full fifteen minutes", () => {
        expect(describedFunction(api, refit().description).properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Timeout: 900,
        });
      });

      it('reads and writes table items, but never scans nor writes in batches', () => {
        const actions = functionActions(api, refit().description);
        expect(actions).toEqual(
          expect.arrayContaining([...tableReadActions, ...tableItemWriteActions]),
        );
        expect(actions).not.toContain('dynamodb:Scan');
        expect(actions).not.toContain('dynamodb:BatchWriteItem');
        expect(functionVariables(api, refit().description)).toContain('TABLE_NAME');
      });

      it('is not given the address-hashing key', () => {
        expect(functionActions(api, refit().description)).not.toContain(
          'secretsmanager:GetSecretValue',
        );
        expect(functionVariables(api, refit().description)).not.toContain(
          'ADDRESS_HASH_SECRET_ARN',
        );
      });
    });
  });

  describe('HTTP API', () => {
    it.each(routes)('routes $method $path to its own function', (route) => {
      const fnId = routeFunction(api, route).id;
      const integrations = api.findResources('AWS::ApiGatewayV2::Integration', {
        Properties: { IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } },
      });
      const [integrationId] = Object.keys(integrations);
      api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      });
    });

    it('has a route for every entry in functions/routes.ts and no other', () => {
      api.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    });

    it('queues exports and reports on them for the owner, and no longer exports in-request', () => {
      const routeKeys = Object.values(api.findResources('AWS::ApiGatewayV2::Route')).map(
        (route) => (route as Resource).Properties.RouteKey,
      );
      expect(routeKeys).not.toContain('GET /export');
      for (const routeKey of ['POST /exports', 'GET /exports/{exportId}']) {
        api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: routeKey,
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: Match.anyValue() },
        });
      }
    });

    it.each(routes.filter((route) => route.auth === 'owner'))(
      'requires an owner token on $name, an owner route',
      (route) => {
        api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: `${route.method} ${route.path}`,
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: Match.anyValue() },
        });
      },
    );

    it.each(routes.filter((route) => route.auth === 'public'))(
      'lets anyone call $name, a public route',
      (route) => {
        api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: `${route.method} ${route.path}`,
          AuthorizationType: 'NONE',
          AuthorizerId: Match.absent(),
        });
      },
    );

    it("accepts only tokens issued by the shop's user pool to its app client", () => {
      const { resource } = onlyResource(api, 'AWS::ApiGatewayV2::Authorizer');
      const config = JSON.stringify(resource.Properties.JwtConfiguration);
      expect(resource.Properties.AuthorizerType).toBe('JWT');
      expect(config).toContain('https://cognito-idp.');
      expect(config).toMatch(/"Audience":\[\{"Fn::ImportValue":"[^"]*OwnerAppClient/);
      expect(config).toMatch(/amazonaws.com\/",\{"Fn::ImportValue":"[^"]*UserPool/);
    });

    it('throttles the default stage at 50 requests per second with bursts of 100', () => {
      api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      });
    });

    it('writes access logs, without query strings, to a log group with a retention', () => {
      const { resource } = onlyResource(api, 'AWS::ApiGatewayV2::Stage');
      const settings = resource.Properties.AccessLogSettings as {
        DestinationArn: { 'Fn::GetAtt': [string, string] };
        Format: string;
      };
      const logGroup =
        api.findResources('AWS::Logs::LogGroup')[settings.DestinationArn['Fn::GetAtt'][0]];
      expect(logGroup?.Properties).toMatchObject({ RetentionInDays: 30 });
      expect(settings.Format).toContain('$context.routeKey');
      expect(settings.Format).not.toContain('$context.path');
    });

    it('outputs the API URL, the user pool id and the app client id', () => {
      expect(Object.keys(api.findOutputs('*')).sort()).toEqual([
        'ApiUrl',
        'UserPoolClientId',
        'UserPoolId',
      ]);
    });
  });

  describe('cdk-nag AWS Solutions checks', () => {
    it.each(['data', 'api'] as const)(
      'finds no unacknowledged error or warning in the %s stack',
      (name) => {
        const report = new AwsSolutionsChecks().validateScope(stacks[name]);
        expect(report.violations).toEqual([]);
      },
    );

    it('leaves the synthesized validation report free of findings', () => {
      const report = JSON.parse(
        readFileSync(path.join(assemblyDir, 'validation-report.json'), 'utf8'),
      ) as { pluginReports: { violations?: unknown[] }[] };
      expect(report.pluginReports.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);
    });
  });
});
