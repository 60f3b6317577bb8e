import { CustomerPath } from '../../shared/core/customer';
import { eraseCustomer } from '../../shared/core/customer-commands';
import { noContent, ownerRoute } from '../runtime/http-route';

/** A person's right to erasure: repeatable, so a retried or interrupted erasure completes. */
export const handler = ownerRoute(async (request, services) => {
  const { customerId } = request.path(CustomerPath);
  await eraseCustomer({ customers: await services.customers(), clock: services.clock }, customerId);
  return noContent();
});
