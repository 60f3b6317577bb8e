import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import {
  HmacAddressHasher,
  hasherNotGranted,
  type AddressHasher,
} from '../../shared/adapters/address-hasher';
import { DynamoCapWindowStore } from '../../shared/adapters/dynamodb/cap-window-store';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoDeferredJobStore } from '../../shared/adapters/dynamodb/deferred-job-store';
import { DynamoMessageLedger } from '../../shared/adapters/dynamodb/message-ledger';
import { DynamoRecipientReader } from '../../shared/adapters/dynamodb/recipient-reader';
import { SesEmailSender } from '../../shared/adapters/email/ses-email-sender';
import { OutboxSmsSender } from '../../shared/adapters/sms/outbox-sms-sender';
import { SnsSmsSender } from '../../shared/adapters/sms/sns-sms-sender';
import {
  CachedLapseModel,
  DynamoLapseModelRepository,
} from '../../shared/adapters/dynamodb/lapse-model-repository';
import type { ShopLapseModel } from '../../shared/core/lapse/shop-lapse-model';
import {
  CachedSettingsRepository,
  DynamoSettingsRepository,
} from '../../shared/adapters/dynamodb/settings-repository';
import { systemClock } from '../../shared/adapters/system-clock';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';
import type { CustomerCommandDeps } from '../../shared/core/customer-commands';
import type { Channel } from '../../shared/core/consent';
import type { DispatchDeps } from '../../shared/core/messaging/dispatch-deps';
import type { EmailSender, SmsSender } from '../../shared/core/messaging/senders';
import { optOutLink } from '../../shared/core/messaging/opt-out-link';
import type { UnsubscribeDeps } from '../../shared/core/messaging/unsubscribe';
import {
  deriveUnsubscribeKey,
  issueUnsubscribeToken,
  type UnsubscribeKey,
} from '../../shared/core/messaging/unsubscribe-token';
import type { CustomerRepository } from '../../shared/core/ports';
import type { OrderObserver } from '../../shared/core/order-observer';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import type { MessageTemplate } from '../../shared/core/templates/message-template';
import { DynamoTallyStore } from '../../shared/adapters/dynamodb/tally-store';
import { config, required } from './config';
import * as resultsWiring from './results-wiring';
import { DynamoEnrollmentStore } from '../../shared/adapters/dynamodb/enrollment-store';
import { DynamoJourneyFacts } from '../../shared/adapters/dynamodb/journey-facts';
import { DynamoWinBackCandidates } from '../../shared/adapters/dynamodb/win-back-candidates';
import { DynamoWorkflowDefinitionRepository } from '../../shared/adapters/dynamodb/workflow-definition-repository';
import { journeyOrderObserver } from '../../workflows/journey-order-observer';
import type { PlannerDeps } from '../../workflows/planner';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import {
  AUDIENCE_PAGE_ITEMS,
  DynamoAudienceScanner,
} from '../../shared/adapters/dynamodb/campaign-audience-scan';
import { CachedCampaignGate } from '../../shared/adapters/dynamodb/campaign-gate';
import { DynamoCampaignStore } from '../../shared/adapters/dynamodb/campaign-store';
import {
  campaignItemIsTheSchedule,
  EventBridgeCampaignScheduler,
} from '../../shared/adapters/scheduler/event-bridge-campaign-scheduler';
import type { CampaignScheduler } from '../../workflows/campaigns/ports';
import { campaignConfig } from './campaign-config';
import { logger } from './observability';

/** The clients and repositories of one function instance, made once and reused across requests. */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

const tableName = () => required('TABLE_NAME', 'add needs.table to this function’s declaration');

let hasher: Promise<AddressHasher> | undefined;

/** The shop's address-hashing secret, for the functions granted it (needs.addressHashing). */
async function loadAddressHashSecret(): Promise<string | undefined> {
  const { ADDRESS_HASH_SECRET: local, ADDRESS_HASH_SECRET_ARN: arn } = config();
  if (local === undefined && arn === undefined) return undefined;
  const secret = local ?? (await getSecret(arn as string, { maxAge: 3600 }));
  if (typeof secret !== 'string') throw new Error('The address hashing secret is not a string');
  return secret;
}

/** The shop's HMAC key, for the functions granted it; the others get one that fails loudly. */
async function loadAddressHasher(): Promise<AddressHasher> {
  const secret = await loadAddressHashSecret();
  return secret === undefined ? hasherNotGranted : new HmacAddressHasher(secret);
}

/** The token key is derived from the address-hashing secret (see deriveUnsubscribeKey). */
async function loadUnsubscribeKey(): Promise<UnsubscribeKey> {
  const secret = await loadAddressHashSecret();
  if (secret === undefined) {
    throw new Error(
      'This code was not granted the address-hashing key, which signs unsubscribe links (needs.addressHashing in functions/routes.ts)',
    );
  }
  return deriveUnsubscribeKey(secret);
}

/** Memoizes a load; a failed one is retried by the next request, not cached. */
function retryingOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

const unsubscribeKeyOnce = retryingOnce(loadUnsubscribeKey);

/** Unsubscribe links start with this: `PUBLIC_BASE_URL` locally, its SSM parameter in AWS. */
const publicBaseUrl = retryingOnce(async () => {
  const { PUBLIC_BASE_URL: local, PUBLIC_BASE_URL_PARAMETER: parameter } = config();
  if (local !== undefined) return local.replace(/\/+$/, '');
  if (parameter === undefined)
    throw new Error(
      'Neither PUBLIC_BASE_URL nor PUBLIC_BASE_URL_PARAMETER is set: add needs.sending to this function',
    );
  // Loaded only here, so code that never reads the parameter never loads the SSM client.
  const { readPublicBaseUrl } = await import('./public-base-url-parameter');
  return (await readPublicBaseUrl(parameter)).replace(/\/+$/, '');
});

let emailSender: EmailSender | undefined;
let smsSender: SmsSender | undefined;

// Senders bound each call by their own timeout and report an unanswered one as unknown, so the
// SDK must not retry behind their back (see SesEmailSender and SnsSmsSender): maxAttempts 1.
function emailSenderOnce(): EmailSender {
  emailSender ??= new SesEmailSender(new SESv2Client({ maxAttempts: 1 }));
  return emailSender;
}

function smsSenderOnce(): SmsSender {
  const outbox = config().SMS_OUTBOX_FILE;
  smsSender ??=
    outbox === undefined
      ? new SnsSmsSender(new SNSClient({ maxAttempts: 1 }))
      : new OutboxSmsSender(outbox, services.clock, services.ids);
  return smsSender;
}

let settingsRepository: CachedSettingsRepository | undefined;
let campaignGate: CachedCampaignGate | undefined;
let schedulerClient: SchedulerClient | undefined;
let cachedLapseModel: CachedLapseModel | undefined;

export const services = {
  clock: systemClock,
  ids: new UlidGenerator(),
  /** Settings as most requests need them: cached for a minute. */
  settings(): CachedSettingsRepository {
    settingsRepository ??= new CachedSettingsRepository(services.settingsStore(), () => Date.now());
    return settingsRepository;
  },
  /** Settings as the owner reads and edits them: always the stored version. */
  settingsStore(): DynamoSettingsRepository {
    return new DynamoSettingsRepository(dynamo, tableName());
  },
  /** The shop's fitted lapse model, as the weekly refit stored it. */
  lapseModels(): DynamoLapseModelRepository {
    return new DynamoLapseModelRepository(dynamo, tableName());
  },
  /** The fitted model as order writes use it: cached for ten minutes, null before any refit. */
  lapseModel(): Promise<ShopLapseModel | null> {
    cachedLapseModel ??= new CachedLapseModel(services.lapseModels(), () => Date.now());
    return cachedLapseModel.current();
  },
  async customers(): Promise<CustomerRepository> {
    hasher ??= loadAddressHasher().catch((error: unknown) => {
      hasher = undefined; // a failed secret read is retried by the next request, not cached
      throw error;
    });
    return new DynamoCustomerRepository(dynamo, tableName(), await hasher);
  },
  /** What the customer commands need: repository, current settings, clock and ids. */
  async customerCommands(): Promise<CustomerCommandDeps> {
    const [customers, settings] = await Promise.all([
      services.customers(),
      services.settings().get(),
    ]);
    return { customers, settings, clock: services.clock, ids: services.ids };
  },
  /** What an unsubscribe link needs: the token key, the repository and the shop's language. */
  async unsubscribe(): Promise<UnsubscribeDeps & { shopName: string }> {
    const [customers, settings, key] = await Promise.all([
      services.customers(),
      services.settings().get(),
      unsubscribeKeyOnce(),
    ]);
    return {
      customers,
      clock: services.clock,
      ids: services.ids,
      unsubscribeKey: key,
      defaultLocale: settings.locale,
      shopName: settings.name,
    };
  },
  /** The message ledger: one record per message key. */
  messages(): DynamoMessageLedger {
    return new DynamoMessageLedger(dynamo, tableName());
  },
  /** Send jobs deferred past quiet hours, until the release schedule puts them back. */
  deferredJobs(): DynamoDeferredJobStore {
    return new DynamoDeferredJobStore(dynamo, tableName());
  },
  /**
   * Everything `dispatch` needs, built in this one place: recipients, ledger and cap window on the table,
   * SES (through the configuration set) and SNS, or the local SMS outbox, the built-in templates,
   * signed unsubscribe links under the public base URL, current settings, clock and randomness.
   */
  async dispatch(): Promise<DispatchDeps> {
    const [settings, key, baseUrl] = await Promise.all([
      services.settings().get(),
      unsubscribeKeyOnce(),
      publicBaseUrl(),
    ]);
    const configurationSetName = config().SES_CONFIGURATION_SET;
    return {
      recipients: new DynamoRecipientReader(dynamo, tableName()),
      settings,
      ledger: services.messages(),
      capWindows: new DynamoCapWindowStore(dynamo, tableName()),
      email: emailSenderOnce(),
      sms: smsSenderOnce(),
      templates: await services.templateLookup(),
      unsubscribeLink: (customerId: string, channel: Channel) =>
        optOutLink({
          publicBaseUrl: baseUrl,
          token: issueUnsubscribeToken(key, {
            customerId,
            channel,
            issuedAt: services.clock.now(),
          }),
          mailbox: settings.unsubscribeMailbox,
        }),
      clock: services.clock,
      random: Math.random,
      capExemptWorkflows: ['outage-broadcast'],
      campaigns: services.campaignGate(),
      ...(configurationSetName === undefined ? {} : { configurationSetName }),
    };
  },
  /**
   * What reacts to a newly recorded order once it is saved (see OrderObserver): each entry is
   * built here, so the order route needs no knowledge of journeys or results.
   */
  async orderObservers(): Promise<readonly OrderObserver[]> {
    return [
      journeyOrderObserver({
        enrollments: services.enrollments(),
        definitions: services.workflowDefinitions(),
      }),
      resultsWiring.attributionObserver({
        capWindows: services.capWindows(),
        tallies: services.tallies(),
        settings: await services.settings().get(),
      }),
    ];
  },
  /** Running counts of workflows and campaigns (sent, skipped by reason, enrolled, …). */
  tallies(): DynamoTallyStore {
    return new DynamoTallyStore(dynamo, tableName());
  },
  /** SES deliveries counted once per message id (an SNS redelivery adds nothing). */
  deliveryReceipts(): resultsWiring.DynamoDeliveryReceipts {
    return new resultsWiring.DynamoDeliveryReceipts(dynamo, tableName());
  },
  /** Workflow definitions as the owner saved them, or the built-in defaults. */
  workflowDefinitions(): DynamoWorkflowDefinitionRepository {
    return new DynamoWorkflowDefinitionRepository(dynamo, tableName());
  },
  /** Journeys through workflows, in the customers' partitions. */
  enrollments(): DynamoEnrollmentStore {
    return new DynamoEnrollmentStore(dynamo, tableName());
  },
  /**
   * What the win-back planner reads and writes, apart from the send queue. Settings are read
   * fresh (one GetItem a run), so a change of time zone applies at the next run.
   */
  async planner(): Promise<Omit<PlannerDeps, 'queue'>> {
    const settings = await services.settingsStore().get();
    return {
      definitions: services.workflowDefinitions(),
      candidates: new DynamoWinBackCandidates(dynamo, tableName()),
      enrollments: services.enrollments(),
      facts: new DynamoJourneyFacts(dynamo, tableName()),
      clock: services.clock,
      timeZone: settings.timeZone,
    };
  },
  /** Broadcasts and promotions: the campaign items and their fan-out cursors. */
  campaigns(): DynamoCampaignStore {
    return new DynamoCampaignStore(dynamo, tableName());
  },
  /** The profiles a campaign reads, page by page of a parallel Scan. */
  campaignAudience(): DynamoAudienceScanner {
    return new DynamoAudienceScanner(dynamo, tableName(), AUDIENCE_PAGE_ITEMS, (profile) =>
      logger.warn('Unreadable customer profile skipped by a campaign', { ...profile }),
    );
  },
  /** Whether a campaign was cancelled: one instance, so its few-second cache spans batches. */
  campaignGate(): CachedCampaignGate {
    campaignGate ??= new CachedCampaignGate(dynamo, tableName(), () => Date.now());
    return campaignGate;
  },
  /**
   * One-time schedules: EventBridge Scheduler in AWS; locally the campaign item is the schedule.
   * Resolved on use, so a function that never schedules needs no scheduler configuration.
   */
  campaignScheduler(): CampaignScheduler {
    const resolve = (): CampaignScheduler => {
      const { SCHEDULE_GROUP_NAME: groupName, SCHEDULE_ROLE_ARN: roleArn } = campaignConfig();
      const { CAMPAIGN_QUEUE_ARN: queueArn, CAMPAIGN_QUEUE_URL: queueUrl } = campaignConfig();
      if (queueUrl?.startsWith('local://')) return campaignItemIsTheSchedule;
      if (groupName === undefined || roleArn === undefined || queueArn === undefined)
        throw new Error(
          'SCHEDULE_GROUP_NAME, SCHEDULE_ROLE_ARN or CAMPAIGN_QUEUE_ARN is not set: add needs.campaignSchedules to this function',
        );
      schedulerClient ??= new SchedulerClient({});
      return new EventBridgeCampaignScheduler(schedulerClient, { groupName, roleArn, queueArn });
    };
    return {
      schedule: (campaignId, at) => resolve().schedule(campaignId, at),
      cancel: (campaignId) => resolve().cancel(campaignId),
    };
  },
  /** The shop's own message templates, as the owner edits them (GET/PUT /templates). */
  templates(): resultsWiring.DynamoTemplateRepository {
    return new resultsWiring.DynamoTemplateRepository(dynamo, tableName());
  },
  /**
   * One template as the owner saved it a moment ago (a consistent read), else the built-in: for
   * what the owner is editing or previewing, not for sending (see templateLookup).
   */
  async currentTemplate(templateId: string): Promise<MessageTemplate | undefined> {
    return (await services.templates().get(templateId))?.template ?? builtInTemplate(templateId);
  },
  /** A template by id as messages use it: the owner's version (cached a minute), else built-in. */
  templateLookup(): Promise<resultsWiring.TemplateLookup> {
    return resultsWiring.templateLookup(() => services.templates());
  },
  /** Whether a campaign is stored (its results answer 404 otherwise). */
  campaignExists(campaignId: string): Promise<boolean> {
    return resultsWiring.campaignExists(dynamo, tableName(), campaignId);
  },
  /** Each customer's marketing sends of the last day, and the last touch (for attribution). */
  capWindows(): resultsWiring.DynamoCapWindowStore {
    return new resultsWiring.DynamoCapWindowStore(dynamo, tableName());
  },
  /** Counts an unsubscribe to the workflow or campaign whose message the customer got last. */
  countUnsubscribe(customerId: string): Promise<void> {
    return resultsWiring.countUnsubscribe(
      { capWindows: services.capWindows(), tallies: services.tallies() },
      customerId,
    );
  },
};
export type Services = typeof services;
