import { CustomerPath, customerPatchSchema } from '../../shared/core/customer';
import { updateCustomer } from '../../shared/core/customer-commands';
import { ok, ownerRoute } from '../runtime/http-route';
import { expectedVersion, versionHeaders } from '../runtime/versioning';

export const handler = ownerRoute(async (request, services) => {
  const deps = await services.customerCommands();
  const { customerId } = request.path(CustomerPath);
  const patch = request.body(customerPatchSchema(deps.settings.defaultPhoneRegion));
  const customer = await updateCustomer(
    deps,
    customerId,
    patch,
    expectedVersion(request.header('if-match')),
  );
  return ok(customer, versionHeaders(customer));
});
