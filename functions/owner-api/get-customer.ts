import { CustomerPath } from '../../shared/core/customer';
import { getCustomerRecord } from '../../shared/core/customer-commands';
import { ok, ownerRoute } from '../runtime/http-route';
import { versionHeaders } from '../runtime/versioning';

/** The customer's whole record (profile, orders, consent history): a person's access request. */
export const handler = ownerRoute(async (request, services) => {
  const { customerId } = request.path(CustomerPath);
  const record = await getCustomerRecord(await services.customers(), customerId);
  return ok(record, versionHeaders(record.customer));
});
