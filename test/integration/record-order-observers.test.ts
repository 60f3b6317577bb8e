import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/owner-api/record-order';
import { services } from '../../functions/runtime/services';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { createStore, type StoreFixture } from '../helpers/store';
import { lapsedCustomer, winBackShop } from './win-back-fixture';

let store: StoreFixture;
beforeAll(async () => {
  store = await createStore();
});
afterAll(async () => store.table.dropTable());
afterEach(() => vi.restoreAllMocks());

function orderRequest(customerId: string, orderId: string) {
  return {
    version: '2.0',
    routeKey: 'PUT /customers/{customerId}/orders/{source}/{orderId}',
    rawPath: `/customers/${customerId}/orders/shopee/${orderId}`,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { customerId, source: 'shopee', orderId },
    body: JSON.stringify({
      placedAt: '2026-11-23T03:00:00.000Z',
      total: { amount: 250_000, currency: 'VND' },
    }),
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims: { sub: 'owner' }, scopes: [] } } },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('PUT an order', () => {
  it('answers 201 for the saved order when building its observers fails', async () => {
    const customer = await lapsedCustomer(store);
    vi.spyOn(services, 'customerCommands').mockResolvedValue({ ...store, settings: winBackShop });
    vi.spyOn(services, 'lapseModel').mockResolvedValue(null);
    vi.spyOn(services, 'orderObservers').mockRejectedValue(new Error('settings unreadable'));

    const response = await handler(
      orderRequest(customer.id, 'SO-OBSERVERS-1'),
      createLambdaContext({
        functionName: 'recordOrder',
        awsRequestId: 'req-1',
        timeoutMs: 10_000,
      }),
    );

    expect(response).toMatchObject({ statusCode: 201 });
  });
});
