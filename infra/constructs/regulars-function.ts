import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { repoRoot } from '../paths';

export interface RegularsFunctionProps {
  /** Absolute path of the handler module; it exports `handler`. */
  readonly entry: string;
  readonly description?: string;
  /** @default 10 seconds: an API handler does a few DynamoDB calls, not batch work. */
  readonly timeout?: Duration;
  /** @default 512 MB: on Lambda, CPU scales with memory, and 512 buys a quick cold start. */
  readonly memorySize?: number;
  /** Powertools service name: groups the logs of one area. @default 'regulars' */
  readonly serviceName?: string;
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** @default one month: long enough to answer an owner's complaint, short for personal data. */
  readonly logRetention?: RetentionDays;
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * The house Lambda function: Node 24 on arm64, a minified ESM bundle with source maps, its own
 * log group with a retention, Powertools configured, and a role that may only write that group.
 * Grants are added by the `use*` helpers, which also set the variables the handler reads.
 */
export class RegularsFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: RegularsFunctionProps) {
    // Created here rather than on first invocation by Lambda, so it has a retention and the
    // role can be limited to it. Retained with the stack: logs of an incident must survive a
    // teardown, and they still expire. Siblings, because `this` does not exist before super.
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Our own role instead of the default one, which attaches AWSLambdaBasicExecutionRole
    // (logs:CreateLogGroup and PutLogEvents on every log group in the account).
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${id}; grants come from the use* helpers in infra/grants.ts`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'regulars',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        // Prefer packages' ESM builds so esbuild can tree-shake them.
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require(); an ESM bundle has none unless we make one.
        banner:
          "import { createRequire as __regularsCreateRequire } from 'node:module'; const require = __regularsCreateRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        // Stack traces need line mappings, not a copy of the sources in every bundle.
        sourcesContent: false,
        // The SDK in the Lambda runtime moves on its own schedule; bundling the versions pinned
        // in package-lock.json means production runs what the tests ran. Tree-shaking keeps the
        // bundles small enough that cold starts do not notice.
        bundleAwsSDK: true,
        // Synth must work offline and without Docker: the esbuild in node_modules does it.
        forceDockerBundling: false,
      },
    });
  }
}
