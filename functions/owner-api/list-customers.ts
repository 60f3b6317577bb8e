import { CustomerListQuery } from '../../shared/core/customer';
import { ok, ownerRoute } from '../runtime/http-route';

export const handler = ownerRoute(async (request, services) => {
  const page = request.query(CustomerListQuery);
  return ok(await (await services.customers()).list(page));
});
