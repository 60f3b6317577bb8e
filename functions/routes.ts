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
  /** The shop table (`TABLE_NAME`): `read` grants no write action at all. */
  readonly table?: 'read' | 'readWrite';
  /** The per-shop HMAC key for address hashes (`ADDRESS_HASH_SECRET_ARN`). */
  readonly addressHashing?: true;
  /**
   * The export bucket (`EXPORT_BUCKET`): `read` may only get files, which is what presigning a
   * download needs; `write` may only put them (multipart uploads included).
   */
  readonly exportBucket?: 'read' | 'write';
  /** Queues the function sends to (each queue's `urlVariable` names it). */
  readonly queues?: readonly QueueName[];
}

export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/settings',
    handler: 'owner-api/get-settings.ts',
    auth: 'owner',
    name: 'getSettings',
    needs: { table: 'read' },
  },
  {
    method: 'PATCH',
    path: '/settings',
    handler: 'owner-api/update-settings.ts',
    auth: 'owner',
    name: 'updateSettings',
    needs: { table: 'readWrite' },
  },
  {
    method: 'POST',
    path: '/customers',
    handler: 'owner-api/create-customer.ts',
    auth: 'owner',
    name: 'createCustomer',
    needs: { table: 'readWrite', addressHashing: true },
  },
  {
    method: 'GET',
    path: '/customers',
    handler: 'owner-api/list-customers.ts',
    auth: 'owner',
    name: 'listCustomers',
    needs: { table: 'read' },
  },
  {
    method: 'GET',
    path: '/customers/lookup',
    handler: 'owner-api/find-customer.ts',
    auth: 'owner',
    name: 'findCustomer',
    needs: { table: 'read' },
  },
  {
    method: 'GET',
    path: '/customers/{customerId}',
    handler: 'owner-api/get-customer.ts',
    auth: 'owner',
    name: 'getCustomer',
    needs: { table: 'read' },
  },
  {
    method: 'PATCH',
    path: '/customers/{customerId}',
    handler: 'owner-api/update-customer.ts',
    auth: 'owner',
    name: 'updateCustomer',
    needs: { table: 'readWrite', addressHashing: true },
  },
  {
    method: 'DELETE',
    path: '/customers/{customerId}',
    handler: 'owner-api/erase-customer.ts',
    auth: 'owner',
    name: 'eraseCustomer',
    needs: { table: 'readWrite', addressHashing: true },
  },
  {
    method: 'PUT',
    path: '/customers/{customerId}/orders/{source}/{orderId}',
    handler: 'owner-api/record-order.ts',
    auth: 'owner',
    name: 'recordOrder',
    needs: { table: 'readWrite' },
  },
  {
    method: 'POST',
    path: '/customers/{customerId}/consents',
    handler: 'owner-api/record-consent.ts',
    auth: 'owner',
    name: 'recordConsent',
    needs: { table: 'readWrite', addressHashing: true },
  },
  {
    method: 'POST',
    path: '/exports',
    handler: 'owner-api/request-export.ts',
    auth: 'owner',
    name: 'requestExport',
    needs: { table: 'readWrite', queues: ['exportJobs'] },
  },
  {
    method: 'GET',
    path: '/exports/{exportId}',
    handler: 'owner-api/get-export.ts',
    auth: 'owner',
    name: 'getExport',
    needs: { table: 'read', exportBucket: 'read' },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'public/openapi-document.ts',
    auth: 'public',
    name: 'openApiDocument',
    needs: {},
  },
];
