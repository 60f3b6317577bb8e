import { findCustomerByContact, lookupQuerySchema } from '../../shared/core/find-customer';
import { ok, ownerRoute } from '../runtime/http-route';

export const handler = ownerRoute(async (request, services) => {
  const settings = await services.settings().get();
  const lookup = request.query(lookupQuerySchema(settings.defaultPhoneRegion));
  return ok(await findCustomerByContact(await services.customers(), lookup));
});
