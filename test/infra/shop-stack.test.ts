import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes';
import { repoRoot } from '../../infra/paths';
import { createShopApp } from '../../infra/shop-app';
import type { ShopStacks } from '../../infra/shop-stacks';
import { globalIndexes, shopTable } from '../../shared/adapters/dynamodb/table-definition';
import {
  onlyResource,
  routeActions,
  routeFunction,
  routeVariables,
  type Resource,
} from './template-queries';

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
  const shop = createShopApp({ outdir, context: { ...cdkJson.context, shopId: 'test-shop' } });
  stacks = shop.stacks;
  assemblyDir = shop.app.synth().directory;
  data = Template.fromStack(stacks.data);
  api = Template.fromStack(stacks.api);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

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
          Projection: { ProjectionType: 'ALL' },
        })),
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

    it('makes one function per route', () => {
      expect(functions()).toHaveLength(routes.length);
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

    it.each(routes)(
      'gives $name the timeout its route declares, 10 s when it declares none',
      (route) => {
        expect(routeFunction(api, route).properties.Timeout).toBe(route.timeoutSeconds ?? 10);
      },
    );

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
    it.each(routes)('grants $name exactly what its route needs', (route) => {
      const actions = routeActions(api, route);
      const variables = routeVariables(api, route);
      const { needs } = route;

      expect(actions.some((action) => action.startsWith('dynamodb:'))).toBe(!!needs.table);
      expect(actions.includes('dynamodb:PutItem')).toBe(needs.table === 'readWrite');
      expect(variables.includes('TABLE_NAME')).toBe(!!needs.table);

      expect(actions.includes('secretsmanager:GetSecretValue')).toBe(!!needs.addressHashing);
      expect(variables.includes('ADDRESS_HASH_SECRET_ARN')).toBe(!!needs.addressHashing);

      expect(actions.some((action) => action.startsWith('s3:'))).toBe(!!needs.exportBucket);
      expect(variables.includes('EXPORT_BUCKET')).toBe(!!needs.exportBucket);
    });

    it.each(routes.filter((route) => route.needs.table === 'read'))(
      'grants no write action to $name, which only reads',
      (route) => {
        const actions = routeActions(api, route);
        expect(actions).toContain('dynamodb:Query');
        for (const action of tableWriteActions) expect(actions).not.toContain(action);
      },
    );

    it('attaches no AWS managed policy to any role', () => {
      for (const role of Object.values(api.findResources('AWS::IAM::Role'))) {
        expect((role as Resource).Properties.ManagedPolicyArns).toBeUndefined();
      }
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
