import type { QueueName } from './queues';

/**
 * The HTTP API's routes, declared once. The CDK stack makes one function and one route of each,
 * the local server dispatches to the same handler modules, the OpenAPI document and the
 * authentication test walk the same list.
 */
export interface RouteDefinition {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path template, e.g. `/customers/{customerId}`. */
  readonly path: string;
  /** Handler module, relative to `functions/`, exporting `handler`. */
  readonly handler: string;
  /** `owner` routes need the owner's bearer token (JWT authorizer in AWS, local issuer locally). */
  readonly auth: 'owner' | 'public';
  /** Short, stable name for the function and the OpenAPI operation id. */
  readonly name: string;
  /** What the handler touches: the CDK stack grants exactly this and sets the matching variables. */
  readonly needs: RouteNeeds;
  /** Lambda timeout in seconds; 10 when absent. API Gateway gives up after 30 s whatever this says. */
  readonly timeoutSeconds?: number;
}

/** Resources a route's handler uses, each with the environment variable that names it. */
export interface RouteNeeds {
  /** The shop table (`TABLE_NAME`); see {@link TableNeeds}. */
  readonly table?: TableNeeds;
  /** The per-shop HMAC key for address hashes (`ADDRESS_HASH_SECRET_ARN`). */
  readonly addressHashing?: true;
  /**
   * The export bucket (`EXPORT_BUCKET`): `read` may only get files, which is what presigning a
   * download needs; `write` may only put them (multipart uploads included).
   */
  readonly exportBucket?: 'read' | 'write';
  /** Queues the function sends to (each queue's `urlVariable` names it). */
  readonly queues?: readonly QueueName[];
  /**
   * Sending messages: `email` may call SES v2 SendEmail from the shop's identity only, through its
   * configuration set (`SES_CONFIGURATION_SET`); `sms` may publish SMS to phone numbers only,
   * never to a topic. Either also gets the public base URL of unsubscribe links
   * (`PUBLIC_BASE_URL_PARAMETER`, an SSM parameter, since the API's URL is known only after the
   * functions exist).
   */
  readonly sending?: { readonly email?: true; readonly sms?: true };
  /** Reading the account's SMS opt-out list (SNS ListPhoneNumbersOptedOut), and nothing else of SNS: no Publish. */
  readonly smsOptOuts?: 'read';
  /**
   * Making and deleting one-time campaign schedules (EventBridge Scheduler) in the shop's schedule
   * group (`SCHEDULE_GROUP_NAME`), passing only the role Scheduler assumes to send the start
   * message (`SCHEDULE_ROLE_ARN`) to the fan-out queue (`CAMPAIGN_QUEUE_ARN`).
   */
  readonly campaignSchedules?: true;
}

/**
 * What a function does to the shop table. `read` is GetItem, BatchGetItem and Query, and no write
 * action at all; `readWrite` adds PutItem, UpdateItem, DeleteItem and ConditionCheckItem (which
 * also cover TransactWriteItems). The two costly operations are asked for one by one, by the
 * functions that perform them: `scan` reads the whole table (the export worker), `batchWrite`
 * writes many items in one call (erasure, and only with `readWrite`).
 */
export type TableNeeds =
  | { readonly access: 'read'; readonly scan?: true }
  | { readonly access: 'readWrite'; readonly scan?: true; readonly batchWrite?: true };

export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/settings',
    handler: 'owner-api/get-settings.ts',
    auth: 'owner',
    name: 'getSettings',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'PATCH',
    path: '/settings',
    handler: 'owner-api/update-settings.ts',
    auth: 'owner',
    name: 'updateSettings',
    needs: { table: { access: 'readWrite' } },
  },
  {
    method: 'POST',
    path: '/customers',
    handler: 'owner-api/create-customer.ts',
    auth: 'owner',
    name: 'createCustomer',
    needs: { table: { access: 'readWrite' }, addressHashing: true },
  },
  {
    method: 'GET',
    path: '/customers',
    handler: 'owner-api/list-customers.ts',
    auth: 'owner',
    name: 'listCustomers',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/customers/lookup',
    handler: 'owner-api/find-customer.ts',
    auth: 'owner',
    name: 'findCustomer',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/customers/{customerId}',
    handler: 'owner-api/get-customer.ts',
    auth: 'owner',
    name: 'getCustomer',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'PATCH',
    path: '/customers/{customerId}',
    handler: 'owner-api/update-customer.ts',
    auth: 'owner',
    name: 'updateCustomer',
    needs: { table: { access: 'readWrite' }, addressHashing: true },
  },
  {
    method: 'DELETE',
    path: '/customers/{customerId}',
    handler: 'owner-api/erase-customer.ts',
    auth: 'owner',
    name: 'eraseCustomer',
    needs: { table: { access: 'readWrite', batchWrite: true }, addressHashing: true },
  },
  {
    method: 'PUT',
    path: '/customers/{customerId}/orders/{source}/{orderId}',
    handler: 'owner-api/record-order.ts',
    auth: 'owner',
    name: 'recordOrder',
    needs: { table: { access: 'readWrite' } },
  },
  {
    method: 'POST',
    path: '/customers/{customerId}/consents',
    handler: 'owner-api/record-consent.ts',
    auth: 'owner',
    name: 'recordConsent',
    needs: { table: { access: 'readWrite' }, addressHashing: true },
  },
  {
    method: 'POST',
    path: '/exports',
    handler: 'owner-api/request-export.ts',
    auth: 'owner',
    name: 'requestExport',
    needs: { table: { access: 'readWrite' }, queues: ['exportJobs'] },
  },
  {
    method: 'GET',
    path: '/exports/{exportId}',
    handler: 'owner-api/get-export.ts',
    auth: 'owner',
    name: 'getExport',
    needs: { table: { access: 'read' }, exportBucket: 'read' },
  },
  {
    method: 'GET',
    path: '/u/{token}',
    handler: 'public/unsubscribe-link.ts',
    auth: 'public',
    name: 'showUnsubscribeLink',
    // Reads only: the page withdraws nothing. The token key is derived from the address-hashing
    // secret, hence addressHashing.
    needs: { table: { access: 'read' }, addressHashing: true },
  },
  {
    method: 'POST',
    path: '/u/{token}',
    handler: 'public/unsubscribe.ts',
    auth: 'public',
    name: 'unsubscribe',
    needs: { table: { access: 'readWrite' }, addressHashing: true },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'public/openapi-document.ts',
    auth: 'public',
    name: 'openApiDocument',
    needs: {},
  },
  {
    method: 'POST',
    path: '/customers/{customerId}/test-messages',
    handler: 'owner-api/send-test-message.ts',
    auth: 'owner',
    name: 'sendTestMessage',
    // Reads the customer (404, 410) and queues one send job; the worker does the rest.
    needs: { table: { access: 'read' }, queues: ['sendJobs'] },
  },
  {
    method: 'POST',
    path: '/message-previews',
    handler: 'owner-api/preview-message.ts',
    auth: 'owner',
    name: 'previewMessage',
    // Reads the settings (language, SMS price and text choice) and the owner's version of the
    // template; renders, sends nothing.
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/messages/{messageKey}',
    handler: 'owner-api/get-message.ts',
    auth: 'owner',
    name: 'getMessage',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/messages',
    handler: 'owner-api/list-messages.ts',
    auth: 'owner',
    name: 'listMessages',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/workflows/{workflowId}',
    handler: 'owner-api/get-workflow.ts',
    auth: 'owner',
    name: 'getWorkflow',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'PUT',
    path: '/workflows/{workflowId}',
    handler: 'owner-api/replace-workflow.ts',
    auth: 'owner',
    name: 'replaceWorkflow',
    needs: { table: { access: 'readWrite' } },
  },
  {
    method: 'PATCH',
    path: '/workflows/{workflowId}',
    handler: 'owner-api/switch-workflow.ts',
    auth: 'owner',
    name: 'switchWorkflow',
    needs: { table: { access: 'readWrite' } },
  },
  {
    method: 'POST',
    path: '/broadcasts',
    handler: 'owner-api/create-broadcast.ts',
    auth: 'owner',
    name: 'createBroadcast',
    // Puts the campaign item (conditional on its id, from the Idempotency-Key), then its start
    // message on the fan-out queue.
    needs: { table: { access: 'readWrite' }, queues: ['campaignFanOut'] },
  },
  {
    method: 'POST',
    path: '/campaigns',
    handler: 'owner-api/create-promotion.ts',
    auth: 'owner',
    name: 'createPromotion',
    // As a broadcast, and a promotion set for later gets a one-time schedule.
    needs: { table: { access: 'readWrite' }, queues: ['campaignFanOut'], campaignSchedules: true },
  },
  {
    method: 'POST',
    path: '/campaign-estimates',
    handler: 'owner-api/estimate-campaign.ts',
    auth: 'owner',
    name: 'estimateCampaign',
    // Reads every profile (a parallel Scan) and the settings; stores and sends nothing.
    needs: { table: { access: 'read', scan: true } },
    timeoutSeconds: 29,
  },
  {
    method: 'GET',
    path: '/campaigns',
    handler: 'owner-api/list-campaigns.ts',
    auth: 'owner',
    name: 'listCampaigns',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/campaigns/{campaignId}',
    handler: 'owner-api/get-campaign.ts',
    auth: 'owner',
    name: 'getCampaign',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'POST',
    path: '/campaigns/{campaignId}/cancel',
    handler: 'owner-api/cancel-campaign.ts',
    auth: 'owner',
    name: 'cancelCampaign',
    // Moves the status conditionally and deletes the campaign's one-time schedule, if any.
    needs: { table: { access: 'readWrite' }, campaignSchedules: true },
  },
  {
    method: 'GET',
    path: '/workflows/{workflowId}/results',
    handler: 'owner-api/get-workflow-results.ts',
    auth: 'owner',
    name: 'getWorkflowResults',
    // The workflow's counters and the settings (currency): two reads.
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/campaigns/{campaignId}/results',
    handler: 'owner-api/get-campaign-results.ts',
    auth: 'owner',
    name: 'getCampaignResults',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/templates',
    handler: 'owner-api/list-templates.ts',
    auth: 'owner',
    name: 'listTemplates',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'GET',
    path: '/templates/{templateId}',
    handler: 'owner-api/get-template.ts',
    auth: 'owner',
    name: 'getTemplate',
    needs: { table: { access: 'read' } },
  },
  {
    method: 'PUT',
    path: '/templates/{templateId}',
    handler: 'owner-api/put-template.ts',
    auth: 'owner',
    name: 'putTemplate',
    needs: { table: { access: 'readWrite' } },
  },
];
