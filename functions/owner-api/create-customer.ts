import { customerInputSchema } from '../../shared/core/customer';
import { createCustomer } from '../../shared/core/customer-commands';
import { created, ownerRoute } from '../runtime/http-route';
import { versionHeaders } from '../runtime/versioning';

export const handler = ownerRoute(async (request, services) => {
  const deps = await services.customerCommands();
  const input = request.body(customerInputSchema(deps.settings.defaultPhoneRegion));
  const customer = await createCustomer(deps, input);
  return created(customer, { location: `/customers/${customer.id}`, ...versionHeaders(customer) });
});
