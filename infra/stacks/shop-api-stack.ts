import {
  CfnOutput,
  CrossStackReferences,
  ReferenceStrength,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import {
  eventHandlers as allEventHandlers,
  type EventHandlerDefinition,
  type EventSourceName,
} from '../../functions/events';
import { queues as allQueues, type QueueDefinition, type QueueName } from '../../functions/queues';
import { routes as allRoutes, type RouteDefinition } from '../../functions/routes';
import { schedules as allSchedules, type ScheduleDefinition } from '../../functions/schedules';
import { CampaignSchedules } from '../constructs/campaign-schedules';
import { EmailConfiguration } from '../constructs/email-configuration';
import { JobQueue } from '../constructs/job-queue';
import { createMessagingKey } from '../constructs/messaging-topic';
import { ScheduledJob } from '../constructs/scheduled-job';
import { SendingAlarms } from '../constructs/sending-alarms';
import {
  createConsumerFunction,
  createEventFunction,
  createRouteFunction,
  createScheduledFunction,
  pascalCase,
  type DataResources,
  type ShopFunctionOptions,
} from '../constructs/shop-function';
import { TopicSubscriber } from '../constructs/topic-subscriber';
import type { SendingResources } from '../grants';
import { defaultFunctionsRoot } from '../paths';

export interface ShopApiStackProps extends StackProps {
  readonly resources: DataResources;
  /** Whose bearer tokens the owner routes accept. */
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /** @default the repository's functions/ directory */
  readonly functionsRoot?: string;
  /** @default every route in functions/routes.ts */
  readonly routes?: readonly RouteDefinition[];
  /** @default every queue in functions/queues.ts */
  readonly queues?: readonly QueueDefinition[];
  /** @default every schedule in functions/schedules.ts */
  readonly schedules?: readonly ScheduleDefinition[];
  /** @default every event handler in functions/events.ts */
  readonly eventHandlers?: readonly EventHandlerDefinition[];
  /** The verified SES identity (domain or address) the shop's email comes from. */
  readonly senderIdentity: string;
  /** SMS spend this month, in USD, that raises the spend alarm. @default 0.8 */
  readonly smsSpendAlarmUsd?: number;
  /** Gets the sending and dead-letter alarms by email. @default no subscription */
  readonly alarmEmail?: string;
  /** Steady requests per second for the whole API. @default 50 */
  readonly throttleRateLimit?: number;
  /** Requests allowed in a burst above the steady rate. @default 100 */
  readonly throttleBurstLimit?: number;
}

/**
 * A shop's stateless half: one function per route and the HTTP API in front of them, the job
 * queues with their consumers, the scheduled functions with their schedules, and sending: the
 * SES configuration set, its bounce and complaint topic with the function that suppresses those
 * addresses, and the sending alarms with the function that pauses email. Nothing here
 * holds data: a queue holds only job ids, the jobs themselves live in the table; a schedule's
 * dead-letter queue holds only the record of a failed run. The stack can be destroyed and
 * redeployed; at worst an export queued at that moment has to be asked for again.
 */
export class ShopApiStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly jobQueues: ReadonlyMap<QueueName, JobQueue>;
  readonly scheduledJobs: ReadonlyMap<string, ScheduledJob>;
  readonly email: EmailConfiguration;
  readonly sendingAlarms: SendingAlarms;
  /** The API's public base URL, for the functions that build unsubscribe links. */
  readonly publicBaseUrl: StringParameter;
  readonly eventSubscribers: ReadonlyMap<string, TopicSubscriber>;

  constructor(scope: Construct, id: string, props: ShopApiStackProps) {
    super(scope, id, props);
    // Strong references (CloudFormation exports), chosen explicitly: while these functions use
    // the table, the key or the pool, CloudFormation refuses a data-stack change that would
    // remove or replace them. The price is a two-step deploy on the rare day one is retired.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    // The stage is made below, with throttling and access logs the default stage cannot take.
    this.api = new HttpApi(this, 'Api', {
      description: 'Regulars owner API',
      createDefaultStage: false,
    });
    this.stage = this.createStage(props);
    // The functions read the URL at run time instead of taking it in a variable: the API's
    // routes depend on the functions, so a function cannot depend on the API's URL.
    this.publicBaseUrl = new StringParameter(this, 'PublicBaseUrl', {
      parameterName: `/${this.stackName}/public-base-url`,
      description: 'Base URL of the public routes (unsubscribe links); the HTTP API stage URL',
      stringValue: this.stage.url,
    });

    const messagingKey = createMessagingKey(this, 'MessagingKey');
    this.email = new EmailConfiguration(this, 'Email', {
      senderIdentity: props.senderIdentity,
      key: messagingKey,
    });
    this.sendingAlarms = new SendingAlarms(this, 'SendingAlarms', {
      key: messagingKey,
      smsSpendAlarmUsd: props.smsSpendAlarmUsd ?? 0.8,
      alarmEmail: props.alarmEmail,
    });
    const sending: SendingResources = {
      configurationSetName: this.email.configurationSet.configurationSetName,
      configurationSetArn: this.email.configurationSetArn,
      identityArn: this.email.identityArn,
      publicBaseUrl: this.publicBaseUrl,
    };

    // Access tokens carry no `aud`; API Gateway then matches `client_id` against the audience.
    const ownerAuthorizer = new HttpJwtAuthorizer(
      'OwnerAuthorizer',
      `https://cognito-idp.${this.region}.amazonaws.com/${props.userPool.userPoolId}`,
      { jwtAudience: [props.userPoolClient.userPoolClientId] },
    );

    // Every queue before any function, so routes and consumers alike can be granted any queue.
    this.jobQueues = new Map(
      (props.queues ?? allQueues).map((definition) => [
        definition.name,
        new JobQueue(this, pascalCase(definition.name), { definition }),
      ]),
    );
    const fanOut = this.jobQueues.get('campaignFanOut');
    const campaignSchedules =
      fanOut === undefined
        ? undefined
        : new CampaignSchedules(this, 'CampaignSchedules', { fanOutQueue: fanOut.queue });
    const functionOptions: ShopFunctionOptions = {
      functionsRoot: props.functionsRoot ?? defaultFunctionsRoot,
      resources: {
        ...props.resources,
        queues: this.jobQueues,
        sending,
        ...(campaignSchedules === undefined ? {} : { campaignSchedules }),
      },
    };
    for (const jobQueue of this.jobQueues.values()) {
      createConsumerFunction(this, jobQueue, functionOptions);
    }
    this.scheduledJobs = new Map(
      (props.schedules ?? allSchedules).map((definition) => {
        const fn = createScheduledFunction(this, definition, functionOptions);
        const id = `${pascalCase(definition.name)}Schedule`;
        return [definition.name, new ScheduledJob(this, id, { definition, fn })];
      }),
    );

    const topics: Record<EventSourceName, ITopic> = {
      sesFeedback: this.email.feedbackTopic,
      sendingAlarms: this.sendingAlarms.topic,
    };
    this.eventSubscribers = new Map(
      (props.eventHandlers ?? allEventHandlers).map((definition) => {
        const fn = createEventFunction(this, definition, functionOptions);
        const id = `${pascalCase(definition.name)}Subscription`;
        const alarmNames = definition.alarms?.map((alarm) => this.sendingAlarms[alarm].alarmName);
        const subscriber = new TopicSubscriber(this, id, {
          definition,
          fn,
          topic: topics[definition.source],
          alarmNames,
        });
        return [definition.name, subscriber];
      }),
    );

    // Every dead letter is something that failed every attempt: the operator hears of it.
    for (const alarm of [
      ...[...this.jobQueues.values()].map((jobQueue) => jobQueue.deadLetterAlarm),
      ...[...this.scheduledJobs.values()].map((job) => job.deadLetterAlarm),
      ...[...this.eventSubscribers.values()].map((subscriber) => subscriber.deadLetterAlarm),
    ]) {
      this.sendingAlarms.notify(alarm);
    }

    for (const route of props.routes ?? allRoutes) {
      const fn = createRouteFunction(this, route, functionOptions);
      const authorizer: IHttpRouteAuthorizer =
        route.auth === 'owner' ? ownerAuthorizer : new HttpNoneAuthorizer();
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn),
        authorizer,
      });
      if (route.auth === 'public' && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by declaration in functions/routes.ts: it serves no shop data and is read by visitors or tools that hold no owner token.`,
        });
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: props.userPoolClient.userPoolClientId });
  }

  private createStage(props: ShopApiStackProps): HttpStage {
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    return new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // One shop's owner and sign-up form never need more; the limit caps the bill if a token
      // leaks or someone floods the public routes.
      throttle: {
        rateLimit: props.throttleRateLimit ?? 50,
        burstLimit: props.throttleBurstLimit ?? 100,
      },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
  }
}

/**
 * One JSON line per request. The route key, not the raw path or query string, so phone numbers
 * and emails looked up by query never reach the logs.
 */
const accessLogFields = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  owner: '$context.authorizer.claims.sub',
};
